import type { Direction } from '../../../domain/performance/assessIndicator.ts';
import type { TargetRag } from '../../../domain/performance/indicatorRag.ts';
import type { StatisticalRag } from '../../../domain/performance/statisticalRag.ts';
import type { Unit } from '../../../performance/indicatorSchema.ts';
import type { FieldProblem } from '../../../performance/performanceError.ts';

/*
 * How the performance pages word and colour states. Every tag carries its words, so colour is never the only
 * signal (WCAG 1.4.1); "no target", "not comparable" and the like are grey states of their own, never a RAG colour.
 */

export interface Tag {
  text: string;
  classes: string;
}

const GREY = 'govuk-tag--grey';
const TARGET_TAGS: Record<TargetRag['state'], Tag> = {
  green: { text: 'Green: on target', classes: 'govuk-tag--green' },
  amber: { text: 'Amber: within tolerance', classes: 'govuk-tag--orange' },
  red: { text: 'Red: missed target', classes: 'govuk-tag--red' },
  'no target': { text: 'No target', classes: GREY },
  'not comparable': { text: 'Not comparable', classes: GREY },
  'no reference value': { text: 'No reference value', classes: GREY },
};

export const targetTag = (rag: TargetRag): Tag & { says: string } => ({
  ...TARGET_TAGS[rag.state],
  says: 'tolerance' in rag ? `${rag.says}; ${rag.tolerance}` : rag.says,
});

const STAT_CLASSES: Record<StatisticalRag['state'], string> = {
  'significantly better': 'govuk-tag--green',
  'significantly worse': 'govuk-tag--red',
  'no significant difference': 'govuk-tag--yellow',
  'significantly higher': 'govuk-tag--blue',
  'significantly lower': 'govuk-tag--blue',
  'not tested': GREY,
  'not comparable': GREY,
  'no comparison': GREY,
};

export function statisticalTag(rag: StatisticalRag): Tag & { says: string } {
  const text = rag.state.charAt(0).toUpperCase() + rag.state.slice(1);
  const says =
    'says' in rag ? rag.says : `against ${rag.comparedWith} (${rag.method}${'note' in rag ? `; ${rag.note}` : ''})`;
  return { text, classes: STAT_CLASSES[rag.state], says };
}

/** A value in its unit's words: 1,234; 12.35 per 1,000; 45.6%. */
export function formatValue(value: number, unit: Unit): string {
  const n = Number(value.toFixed(2)).toLocaleString('en-GB');
  return unit.kind === 'percentage' ? `${n}%` : n;
}

/** The difference from the previous period and the direction of travel, in words. */
export function directionWords(direction: Direction, unit: Unit): { difference: string; direction: string } {
  if (!('change' in direction)) return { difference: '', direction: direction.state };
  const sign = direction.change > 0 ? '+' : '';
  const pct = direction.percentChange === null ? '' : ` (${sign}${direction.percentChange.toFixed(1)}%)`;
  const pts = unit.kind === 'percentage' ? ' points' : '';
  return {
    difference: `${sign}${Number(direction.change.toFixed(2)).toLocaleString('en-GB')}${pts}${pct}`,
    direction: direction.state,
  };
}

export const agencyWords = (code: string) => code.replaceAll('_', ' ');

/**
 * The error summary and the per-field messages of a form, in the GOV.UK pattern. A field shows its first message;
 * the summary lists every distinct one (an uploaded file can have several lines wrong, all linked to its input).
 */
export function formErrors(problems: readonly { field: string; message: string }[]) {
  const errorOf: Record<string, { text: string }> = {};
  const errorList: { text: string; href: string }[] = [];
  for (const p of problems) {
    if (errorList.some((e) => e.text === p.message && e.href === `#${p.field}`)) continue;
    errorOf[p.field] ??= { text: p.message };
    errorList.push({ text: p.message, href: `#${p.field}` });
  }
  return { errorOf, errorList, errorTitle: errorList.length > 0 };
}

/** The form field id of a return problem: `<indicator>-<field>`, or the field itself for the reason. */
export const returnFieldId = (p: FieldProblem) => (p.indicatorId ? `${p.indicatorId}-${p.field}` : p.field);
