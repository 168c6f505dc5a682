import type { PlanItemView, PlanView } from '../planQueries.ts';

/*
 * A plan flattened into the rows of the VRU's return table, in the order the VRU prints them: each theme's core
 * actions, then its optional actions, sub-items after their parent; emerging themes last. Shared by the XLSX and
 * Word exports so both carry the same rows.
 */

export type RowSection = 'core' | 'optional' | 'emerging';

export interface PlanRow {
  themeNumber: string;
  themeTitle: string;
  section: RowSection;
  number: string;
  /** 0 for an action, 1 for its sub-item… */
  depth: number;
  wording: string;
  update: string;
}

const SECTION_ORDER: readonly RowSection[] = ['core', 'optional', 'emerging'];

export function planRows(plan: PlanView): PlanRow[] {
  const rows: PlanRow[] = [];
  const walk = (theme: PlanView['themes'][number], item: PlanItemView, depth: number) => {
    rows.push({
      themeNumber: theme.number ?? '',
      themeTitle: theme.title,
      section: item.kind,
      number: item.number ?? '',
      depth,
      wording: item.wording,
      update: item.update,
    });
    for (const child of item.children) walk(theme, child, depth + 1);
  };
  for (const section of SECTION_ORDER)
    for (const theme of plan.themes)
      for (const item of theme.items.filter((i) => i.kind === section)) walk(theme, item, 0);
  return rows;
}

export const SECTION_TITLES: Record<RowSection, string> = {
  core: 'Core actions',
  optional: 'Optional actions',
  emerging: 'Emerging themes',
};

/** The theme cell as the VRU writes it: '1. GOVERNANCE'. */
export const themeLabel = (r: Pick<PlanRow, 'themeNumber' | 'themeTitle'>) =>
  r.themeNumber === '' ? r.themeTitle : `${r.themeNumber}. ${r.themeTitle}`;
