import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/policy.ts';
import type { DB } from '../../db/schema.ts';
import { lastDayOf, monthToDate } from '../../domain/periods/month.ts';
import { type Period, previousPeriod } from '../../domain/periods/period.ts';
import type { RegisterSet } from '../loadRegisters.ts';
import { rightsFor } from '../readers.ts';
import { periodOfMonth } from './countPeriods.ts';
import { overviewChoice } from './overviewSetting.ts';
import { registerCounts, type RegisterCountRow } from './registerCounts.ts';
import { parsePeriod } from '../../domain/periods/parsePeriod.ts';

/** The overview's register card: "Weapons found in sweeps, this quarter: N (last quarter: M)". */
export interface OverviewCount {
  registerId: string;
  title: string;
  thisQuarter: { label: string; count: RegisterCountRow };
  lastQuarter: { label: string; count: RegisterCountRow };
  /** Counts-only readers see small numbers suppressed; the card says so. */
  suppressed: boolean;
  symbol: string | null;
  countsHref: string;
}

const range = (p: Period) => ({ from: monthToDate(p.start), to: lastDayOf(p.end) });

/**
 * The chosen register measure for this financial quarter (to date) and the last, for a reader who may see it
 * (null otherwise, or when nothing is chosen). Each quarter is a count on its own with no total beside it, so a
 * counts-only reader gets primary suppression (1–7 as the symbol) on each.
 */
export async function overviewCount(
  db: Kysely<DB>,
  actor: Actor,
  registers: RegisterSet,
  now: Date,
): Promise<OverviewCount | null> {
  const choice = await overviewChoice(db, registers);
  if (choice === null) return null;
  const register = registers.get(choice.registerId);
  if (!register) return null;
  const rights = await rightsFor(db, actor, register);
  if (!rights.read && !rights.countsOnly) return null;
  const current = parsePeriod(periodOfMonth('quarter', now.toISOString().slice(0, 7)).id);
  const last = previousPeriod(current);
  const [a, b] = await Promise.all(
    [current, last].map((p) => registerCounts(db, actor, register, choice.measureId, { ...range(p), by: 'none' })),
  );
  const measure = register.measures.find((m) => m.id === choice.measureId);
  return {
    registerId: register.id,
    title: measure?.label ?? register.name,
    thisQuarter: { label: current.label, count: a!.total },
    lastQuarter: { label: last.label, count: b!.total },
    suppressed: a!.access === 'suppressed',
    symbol: a!.rule?.symbol ?? null,
    countsHref: `/registers/${register.id}/counts?measure=${choice.measureId}&by=quarter`,
  };
}
