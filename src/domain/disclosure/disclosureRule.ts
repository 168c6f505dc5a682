/** How a dataset's owner says its counts may be published. A per-dataset setting. */
export interface DisclosureRule {
  id: string;
  description: string;
  /** Counts in this inclusive range are replaced by `symbol` (primary suppression); null for none. */
  suppressRange: readonly [number, number] | null;
  symbol: string;
  /** Round published counts to the nearest multiple of this; null for none. */
  roundTo: number | null;
  /** Suppress further cells so no suppressed cell can be recovered from row and column totals. */
  secondarySuppression: boolean;
}

export const DISCLOSURE_RULES = {
  /** NHS hospital data (HES, ISTV): suppress 1–7, round others to the nearest 5. */
  nhsHospital: {
    id: 'nhs-hospital',
    description: 'NHS hospital data: counts 1–7 suppressed as *, others rounded to the nearest 5',
    suppressRange: [1, 7],
    symbol: '*',
    roundTo: 5,
    secondarySuppression: true,
  },
  /** Case-derived and service data: suppress small counts, no rounding. */
  caseDerived: {
    id: 'case-derived',
    description: 'case-derived and service data: counts 1–7 suppressed as *',
    suppressRange: [1, 7],
    symbol: '*',
    roundTo: null,
    secondarySuppression: true,
  },
  /** Police data the MPS already publishes is not suppressed. */
  mpsPublished: {
    id: 'mps-published',
    description: 'police data published by the MPS: not suppressed',
    suppressRange: null,
    symbol: '*',
    roundTo: null,
    secondarySuppression: false,
  },
} as const satisfies Record<string, DisclosureRule>;
