import type { Actor } from '../../../auth/policy.ts';
import { registerCountPort } from '../../../registers/counts/registerCountPort.ts';
import { registerPageKey } from '../../../registers/counts/registerVersion.ts';
import type { CountRegister } from '../../../performance/values/registerValue.ts';
import type { Services } from '../../../services.ts';

/**
 * Register counts for indicators computed from a register (issue 20), as one reader may see them: every place that
 * computes indicator values for a reader (scorecard, indicator page, pack, API, lineage) passes this beside `analyse`.
 */
export async function readerRegisterCounts(services: Services, actor: Actor): Promise<CountRegister> {
  return registerCountPort(services.db, actor, await services.registers(), services.now());
}

/** The part of a cached page's key that register-sourced values depend on: the registers' version and the rights. */
export async function registerValuesKey(services: Services, actor: Actor): Promise<string> {
  return registerPageKey(services.db, actor, await services.registers());
}
