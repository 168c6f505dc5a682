import type { ServiceRef } from './provisionMatrix.ts';
import { covers, type ProvisionService } from './provisionService.ts';

/*
 * Provision against need, ward by ward: a ward's serious-violence rate against the services that cover it (whole
 * borough, or the ward listed). Pure. The order puts the gaps first:
 *   1. wards no service covers, highest rate first;
 *   2. then covered wards by rate per covering service, highest first (much violence, few services);
 * wards with no rate last within each group, then by name.
 */

export const COVERAGE_ORDER_RULE =
  'Wards no service covers come first, highest rate first; then wards with services, highest rate per covering service first. Wards without a rate come last in each group.';

export interface WardNeed {
  code: string;
  name: string;
  /** Serious violence per 1,000 residents; null when the ward has no rate. */
  rate: number | null;
  count: number | null;
}

export interface CoverageRow extends WardNeed {
  services: ServiceRef[];
  /** rate ÷ number of covering services; null when uncovered or no rate. */
  ratePerService: number | null;
  /** A rate at or above the median of the wards' rates. */
  highNeed: boolean;
}

/** The middle value (mean of the two middle values for an even number); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const descending = (a: number | null, b: number | null) => (b ?? -Infinity) - (a ?? -Infinity);

export function coverageGaps(wards: readonly WardNeed[], services: readonly ProvisionService[]): CoverageRow[] {
  const mid = median(wards.map((w) => w.rate).filter((r): r is number => r !== null));
  const rows = wards.map((w): CoverageRow => {
    const covering = services
      .filter((s) => covers(s, w.code))
      .map((s) => ({ id: s.id, reference: s.reference, name: s.name }))
      .sort((a, b) => a.name.localeCompare(b.name));
    return {
      ...w,
      services: covering,
      ratePerService: w.rate === null || covering.length === 0 ? null : w.rate / covering.length,
      highNeed: w.rate !== null && mid !== null && w.rate >= mid,
    };
  });
  return rows.sort((a, b) => {
    const ua = a.services.length === 0;
    const ub = b.services.length === 0;
    if (ua !== ub) return ua ? -1 : 1;
    return (
      (ua ? descending(a.rate, b.rate) : descending(a.ratePerService, b.ratePerService)) || a.name.localeCompare(b.name)
    );
  });
}
