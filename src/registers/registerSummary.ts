import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { registerCounts } from './counts/registerCounts.ts';
import type { RegisterSet } from './loadRegisters.ts';
import { PARTNERSHIP_READER, registerRights } from './registerPolicy.ts';

/*
 * The registers' summary for a board's agenda (the standing item "Register summary", seed 001: community tensions as
 * a standing CSP item): per register, its measures over the period since the board last met. An agenda is built
 * once for every member, so it shows what any partnership reader may see: exact counts of OFFICIAL registers, and
 * of OFFICIAL-SENSITIVE ones only counts, with small numbers withheld (registerCounts' counts-only rule); a register
 * that releases no counts is left out. Details stay in the register, for its readers.
 */

export interface SummaryLine {
  text: string;
  detail: string;
}

export async function registerSummary(
  db: Kysely<DB>,
  registers: RegisterSet,
  period: { from: string; to: string; said: string },
): Promise<SummaryLine[]> {
  const lines: SummaryLine[] = [];
  for (const register of registers.all) {
    const rights = registerRights(PARTNERSHIP_READER, register, false);
    if (!rights.read && !rights.countsOnly) continue;
    const counts = [];
    for (const measure of register.measures)
      counts.push(
        await registerCounts(db, PARTNERSHIP_READER, register, measure.id, {
          from: period.from,
          to: period.to,
          by: 'none',
        }),
      );
    const [first, ...rest] = counts;
    if (first === undefined || first.total.value === 0) continue;
    const withheld = counts.some((c) => c.total.suppressed)
      ? ` (${first.rule?.description ?? 'small numbers withheld'})`
      : '';
    lines.push({
      text: `${first.measure.label}: ${first.total.shown}${withheld}`,
      detail: [...rest.map((c) => `${c.measure.label}: ${c.total.shown}`), period.said].join('; '),
    });
  }
  return lines.length > 0 ? lines : [{ text: `No register entries ${period.said}`, detail: '' }];
}
