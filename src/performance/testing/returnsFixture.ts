import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/policy.ts';
import type { DB } from '../../db/schema.ts';
import type { RawEntry } from '../../domain/performance/returnValidation.ts';
import { listReturns } from '../returns/returnQueries.ts';
import { acceptReturn, openQuarter, saveReturn } from '../returns/returnStore.ts';
import { currentIndicators } from '../store/indicatorStore.ts';

/*
 * Test accounts and accepted police returns for the performance tests (test-only: the values are made up and the
 * accounts are @test.invalid). The police return holds 100 (or 50%) for every indicator except ASB calls.
 */

export interface ReturnActors {
  manager: Actor;
  analyst: Actor;
  police: Actor;
}

export async function addReturnActors(db: Kysely<DB>): Promise<ReturnActors> {
  const people = [
    ['manager', 'local_authority', 'partnership_manager'],
    ['analyst', 'local_authority', 'analyst'],
    ['police', 'police', 'data_owner'],
  ] as const;
  const out: Partial<ReturnActors> = {};
  for (const [key, agency, role] of people) {
    const email = `${key}@test.invalid`;
    const row = await db
      .insertInto('app_user')
      .values({ email, agency_code: agency, role })
      .returning('id')
      .executeTakeFirstOrThrow();
    out[key] = { id: row.id, email, agency, role };
  }
  return out as ReturnActors;
}

/** Opens the quarter, has the police submit `asbCalls` for ASB calls (with commentary) and the analyst accept it. */
export async function acceptedPoliceReturn(
  db: Kysely<DB>,
  actors: ReturnActors,
  input: { quarter: string; dueOn: string; asbCalls: string; commentary: string },
): Promise<void> {
  const indicators = (await currentIndicators(db)).map((s) => s.indicator);
  await openQuarter(db, actors.manager, { quarter: input.quarter, dueOn: input.dueOn, indicators });
  const id = (await listReturns(db, { quarter: input.quarter, agencies: ['police'] }))[0]?.id as number;
  const asks = indicators.filter((i) => i.leadAgency === 'police' && i.source.kind === 'returned');
  const entries: Record<string, RawEntry> = Object.fromEntries(
    asks.map((i) => [i.id, { value: i.unit.kind === 'percentage' ? '50' : '100' }]),
  );
  entries['asb-calls'] = { value: input.asbCalls, commentary: input.commentary };
  await saveReturn(db, actors.police, id, { entries, submit: true });
  await acceptReturn(db, actors.analyst, id);
}
