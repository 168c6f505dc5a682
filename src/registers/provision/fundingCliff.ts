import type { ProvisionService } from './provisionService.ts';

/*
 * The funding cliff: services whose funding ends within six months of today, or has already ended, soonest first,
 * with the places and caseload at risk. Pure. "Within six months" is inclusive: from 7 December 2026 the horizon
 * is 7 June 2027; a month without the day ends on its last day (31 August + 6 months = 28 February).
 */

export const CLIFF_MONTHS = 6;

export interface CliffRow {
  id: number;
  reference: string;
  name: string;
  provider: string;
  fundingSource: string | null;
  endsOn: string;
  /** Funding ended before today. */
  ended: boolean;
  /** Days from today to the end (negative once ended). */
  daysLeft: number;
  capacity: number | null;
  caseload: number | null;
}

export interface FundingCliff {
  today: string;
  /** The last date counted as within six months (YYYY-MM-DD). */
  horizon: string;
  rows: CliffRow[];
  /** Sums over the rows with a value; `unknown…` says how many rows had none. */
  capacityAtRisk: number;
  caseloadAtRisk: number;
  unknownCapacity: number;
  unknownCaseload: number;
  /** Services on the map with no funding end recorded (not listed). */
  noEndRecorded: number;
}

const DAY_MS = 86_400_000;
const utc = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

/** The date `months` calendar months after `iso`, clamped to the last day of a shorter month. */
export function addCalendarMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(d, last))).toISOString().slice(0, 10);
}

export function fundingCliff(services: readonly ProvisionService[], today: string): FundingCliff {
  const horizon = addCalendarMonths(today, CLIFF_MONTHS);
  const rows = services
    .filter((s): s is ProvisionService & { fundingEndsOn: string } => s.fundingEndsOn !== null)
    .filter((s) => s.fundingEndsOn <= horizon)
    .map(
      (s): CliffRow => ({
        id: s.id,
        reference: s.reference,
        name: s.name,
        provider: s.provider,
        fundingSource: s.fundingSource,
        endsOn: s.fundingEndsOn,
        ended: s.fundingEndsOn < today,
        daysLeft: Math.round((utc(s.fundingEndsOn) - utc(today)) / DAY_MS),
        capacity: s.capacity,
        caseload: s.caseload,
      }),
    )
    .sort((a, b) => a.endsOn.localeCompare(b.endsOn) || a.name.localeCompare(b.name));
  const sum = (pick: (r: CliffRow) => number | null) => rows.reduce((a, r) => a + (pick(r) ?? 0), 0);
  return {
    today,
    horizon,
    rows,
    capacityAtRisk: sum((r) => r.capacity),
    caseloadAtRisk: sum((r) => r.caseload),
    unknownCapacity: rows.filter((r) => r.capacity === null).length,
    unknownCaseload: rows.filter((r) => r.caseload === null).length,
    noEndRecorded: services.filter((s) => s.fundingEndsOn === null).length,
  };
}
