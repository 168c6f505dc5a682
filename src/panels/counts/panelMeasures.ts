import type { PanelFactKind } from '../../db/tables/panels.ts';
import type { MeasureKind } from './panelTables.ts';

/** The panel measures: which kind of anonymous fact each counts and how (src/panels/counts/panelCounts.ts). */
export const PANEL_MEASURES = {
  screenings: { label: 'Screenings', fact: 'screening', kind: 'count' },
  referrals: { label: 'Referrals', fact: 'referral', kind: 'count' },
  'repeat-referral-rate': { label: 'Repeat referral rate (%)', fact: 'referral', kind: 'rate' },
  'median-days-to-panel': { label: 'Median days from referral to panel', fact: 'heard', kind: 'median' },
  outcomes: { label: 'Outcomes', fact: 'outcome', kind: 'count' },
} as const satisfies Record<string, { label: string; fact: PanelFactKind; kind: MeasureKind }>;
export type PanelMeasure = keyof typeof PANEL_MEASURES;
export const PANEL_MEASURE_IDS = Object.keys(PANEL_MEASURES) as PanelMeasure[];
