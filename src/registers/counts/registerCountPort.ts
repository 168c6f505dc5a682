import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/policy.ts';
import type { DB } from '../../db/schema.ts';
import { lastDayOf, monthToDate } from '../../domain/periods/month.ts';
import type { CountRegister } from '../../performance/values/registerValue.ts';
import type { RegisterSet } from '../loadRegisters.ts';
import { RegisterRefusedError } from '../registerErrors.ts';
import { registerCounts } from './registerCounts.ts';

/**
 * The performance framework's port onto register counts for one reader: a period's total of a measure, with the
 * reader's rights and disclosure control applied by registerCounts. Pages and the API pass it as `countRegister`
 * in the series sources beside `analyse`.
 */
export function registerCountPort(db: Kysely<DB>, actor: Actor, registers: RegisterSet, now: Date): CountRegister {
  return async (registerId, measureId, period) => {
    const register = registers.get(registerId);
    if (!register) return { refused: `there is no register "${registerId}"` };
    const measure = register.measures.find((m) => m.id === measureId);
    if (!measure) return { refused: `${register.name} has no measure "${measureId}"` };
    try {
      const counts = await registerCounts(db, actor, register, measureId, {
        from: monthToDate(period.start),
        to: lastDayOf(period.end),
        by: 'none',
      });
      return {
        count: counts.total.value,
        registerName: register.name,
        measureLabel: measure.label,
        registerVersion: register.version,
        partial: lastDayOf(period.end) >= now.toISOString().slice(0, 10),
      };
    } catch (error) {
      if (error instanceof RegisterRefusedError) return { refused: error.message };
      throw error;
    }
  };
}
