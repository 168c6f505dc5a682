import { covers, type ProvisionService } from './provisionService.ts';

/*
 * The "what works / current provision / gaps" table of seed 000 (Mapping Current Provision), one row per need in
 * the register's `needs` vocabulary, worked out from the services on the map. Pure.
 *
 * - What works: services meeting the need rated high or moderate impact (e.g. on the Youth Endowment Fund toolkit),
 *   with the strength and source of that rating.
 * - Current provision: every service meeting the need, with its capacity, caseload and how full it is.
 * - Gaps: no service at all; services at or over capacity; no service with good evidence (none rated high or
 *   moderate impact); wards no service for the need covers (only said when some service meets it).
 */

/** Impact ratings that count as "what works". */
export const GOOD_IMPACT: readonly string[] = ['high', 'moderate'];

export interface ServiceRef {
  id: number;
  reference: string;
  name: string;
}

export interface WhatWorksCell extends ServiceRef {
  impact: string;
  strength: string | null;
  source: string | null;
}

export interface ProvisionCell extends ServiceRef {
  provider: string;
  capacity: number | null;
  caseload: number | null;
  /** caseload ÷ capacity × 100, rounded to a whole number; null when either is unknown or capacity is 0. */
  percentFull: number | null;
  /** Caseload at or over capacity (a service with no places is full). */
  full: boolean;
}

export type Gap =
  | { kind: 'no-service' }
  | { kind: 'at-capacity'; services: ServiceRef[] }
  | { kind: 'no-good-evidence' }
  | { kind: 'uncovered-wards'; wards: { code: string; name: string }[] };

export interface NeedRow {
  need: string;
  whatWorks: WhatWorksCell[];
  current: ProvisionCell[];
  gaps: Gap[];
}

const ref = (s: ProvisionService): ServiceRef => ({ id: s.id, reference: s.reference, name: s.name });

export const percentFull = (capacity: number | null, caseload: number | null): number | null =>
  capacity === null || caseload === null || capacity === 0 ? null : Math.round((caseload / capacity) * 100);

export const isFull = (capacity: number | null, caseload: number | null): boolean =>
  capacity !== null && caseload !== null && caseload >= capacity;

/** One row per need, in the vocabulary's order; services within a cell by name. */
export function provisionMatrix(
  services: readonly ProvisionService[],
  needs: readonly string[],
  wards: readonly { code: string; name: string }[],
): NeedRow[] {
  return needs.map((need) => {
    const meeting = services.filter((s) => s.needs.includes(need)).sort((a, b) => a.name.localeCompare(b.name));
    const whatWorks = meeting
      .filter((s) => s.evidenceImpact !== null && GOOD_IMPACT.includes(s.evidenceImpact))
      .map((s) => ({ ...ref(s), impact: s.evidenceImpact!, strength: s.evidenceStrength, source: s.evidenceSource }));
    const current = meeting.map((s) => ({
      ...ref(s),
      provider: s.provider,
      capacity: s.capacity,
      caseload: s.caseload,
      percentFull: percentFull(s.capacity, s.caseload),
      full: isFull(s.capacity, s.caseload),
    }));
    const gaps: Gap[] = [];
    if (meeting.length === 0) gaps.push({ kind: 'no-service' });
    else {
      const full = current.filter((c) => c.full);
      if (full.length > 0)
        gaps.push({ kind: 'at-capacity', services: full.map(({ id, reference, name }) => ({ id, reference, name })) });
      if (whatWorks.length === 0) gaps.push({ kind: 'no-good-evidence' });
      const uncovered = wards.filter((w) => !meeting.some((s) => covers(s, w.code)));
      if (uncovered.length > 0) gaps.push({ kind: 'uncovered-wards', wards: uncovered.map((w) => ({ ...w })) });
    }
    return { need, whatWorks, current, gaps };
  });
}

/** A gap in words, for tables and reports. */
export function gapWords(gap: Gap): string {
  switch (gap.kind) {
    case 'no-service':
      return 'No service meets this need';
    case 'at-capacity':
      return `At or over capacity: ${gap.services.map((s) => s.name).join(', ')}`;
    case 'no-good-evidence':
      return 'No service rated high or moderate impact';
    case 'uncovered-wards':
      return `No service covers ${gap.wards.length === 1 ? 'the ward' : `${gap.wards.length} wards`}: ${gap.wards.map((w) => w.name).join(', ')}`;
  }
}
