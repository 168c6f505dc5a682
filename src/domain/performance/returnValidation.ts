import { xmrChart } from '../stats/spc.ts';
import type { IndicatorUnitKind, ValueParts } from './statisticalRag.ts';

/*
 * Checks one value a lead agency enters in its return (typed in the form or read from an uploaded file), the
 * same way for both. Every problem names its field, in the GOV.UK error-message style, so the form can show it
 * inline and in the error summary and an upload can say which line and column. Nothing is stored unless every
 * value of the submission passes (src/performance/returns/).
 */

export interface RawEntry {
  value: string;
  numerator?: string;
  denominator?: string;
  commentary?: string;
  /** Why a value far outside the indicator's history is right. */
  outlierNote?: string;
  /** The agency confirms an unusual value after being asked. */
  confirmOutlier?: boolean;
}

export interface CheckedEntry extends ValueParts {
  commentary: string;
  outlierNote: string;
}

export type EntryField = 'value' | 'numerator' | 'denominator' | 'commentary' | 'outlierNote';
export interface EntryProblem {
  field: EntryField;
  message: string;
  /** True when the value may be right: confirming it with a note clears the problem. */
  needsConfirmation?: boolean;
}

export interface EntryRules {
  unit: IndicatorUnitKind;
  /** Earlier comparable values, oldest first: a value far outside them asks for confirmation (SPC limits). */
  history: readonly number[];
  /** Whether these parts would be red against the target or worsening: then commentary is required. */
  judge: (v: ValueParts) => { red: boolean; worsening: boolean };
}

/** '1,234', ' 45.6 ', '45.6%' → number; '' → null; anything else → NaN. */
export function readNumber(text: string | undefined, allowPercentSign = false): number | null {
  const t = (text ?? '').trim().replace(/,/g, '');
  if (t === '') return null;
  const bare = allowPercentSign && t.endsWith('%') ? t.slice(0, -1).trim() : t;
  return /^-?\d+(\.\d+)?$/.test(bare) ? Number(bare) : Number.NaN;
}

const HISTORY_FOR_LIMITS = 4;

export function checkEntry(
  raw: RawEntry,
  rules: EntryRules,
): { ok: true; entry: CheckedEntry } | { ok: false; problems: EntryProblem[] } {
  const problems: EntryProblem[] = [];
  const pct = rules.unit === 'percentage';
  const numerator = readNumber(raw.numerator);
  const denominator = readNumber(raw.denominator);
  let value = readNumber(raw.value, pct);
  const parts = rules.unit === 'rate' ? 'count and population' : 'numerator and denominator';
  if (Number.isNaN(numerator))
    problems.push({ field: 'numerator', message: 'Enter the numerator as a number, like 1,234' });
  if (Number.isNaN(denominator))
    problems.push({ field: 'denominator', message: 'Enter the denominator as a number, like 1,234' });
  const haveParts =
    numerator !== null && denominator !== null && !Number.isNaN(numerator) && !Number.isNaN(denominator);
  if ((numerator === null) !== (denominator === null) && rules.unit !== 'count')
    problems.push({
      field: numerator === null ? 'numerator' : 'denominator',
      message: `Enter both the ${parts}, or neither`,
    });
  if (haveParts) {
    if (!(denominator > 0)) problems.push({ field: 'denominator', message: 'The denominator must be more than 0' });
    else if (numerator < 0) problems.push({ field: 'numerator', message: 'The numerator cannot be negative' });
    else if (pct && numerator > denominator)
      problems.push({
        field: 'numerator',
        message: `The numerator (${numerator}) cannot be more than the denominator (${denominator})`,
      });
    else if (pct && value === null) value = (numerator / denominator) * 100;
  }
  if (value === null) {
    // Parts that were given but wrong already have their own message; 'Enter a value' would only add noise.
    if (!(haveParts && problems.length > 0)) problems.push({ field: 'value', message: 'Enter a value' });
  } else if (Number.isNaN(value))
    problems.push({ field: 'value', message: `Enter the value as a number, like ${pct ? '45.6' : '1,234'}` });
  else if (value < 0) problems.push({ field: 'value', message: 'The value cannot be negative' });
  else if (pct && value > 100)
    problems.push({ field: 'value', message: `A percentage cannot be more than 100 (you entered ${value})` });
  else if (rules.unit === 'count' && !Number.isInteger(value))
    problems.push({ field: 'value', message: 'A count must be a whole number' });
  else if (pct && haveParts && denominator > 0 && Math.abs((numerator / denominator) * 100 - value) > 0.05)
    problems.push({
      field: 'value',
      message: `The percentage (${value}) does not match the numerator over the denominator (${((numerator / denominator) * 100).toFixed(1)})`,
    });
  if (problems.length > 0 || value === null) return { ok: false, problems };
  const entry: CheckedEntry = {
    value,
    numerator: haveParts ? numerator : null,
    denominator: haveParts ? denominator : null,
    commentary: (raw.commentary ?? '').trim(),
    outlierNote: (raw.outlierNote ?? '').trim(),
  };
  const outlier = outsideHistory(value, rules.history);
  if (outlier !== null && !(raw.confirmOutlier === true && entry.outlierNote !== ''))
    problems.push({
      field: 'value',
      needsConfirmation: true,
      message: `${value} is far outside this indicator's usual range (${outlier}). Check it; if it is right, confirm it and say why in the note`,
    });
  const judged = rules.judge(entry);
  if (entry.commentary === '' && (judged.red || judged.worsening))
    problems.push({
      field: 'commentary',
      message: `Enter a commentary: the result is ${judged.red ? 'red against its target' : 'worse than the previous period'}`,
    });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, entry };
}

/** The usual range as words when the value lies outside the XmR limits of at least 4 earlier values, else null. */
export function outsideHistory(value: number, history: readonly number[]): string | null {
  if (history.length < HISTORY_FOR_LIMITS) return null;
  const chart = xmrChart(history);
  // A flat history (every value the same) has zero-width limits: any change would be "far outside" it.
  if (chart.meanMovingRange === 0) return null;
  if (value >= chart.lowerLimit && value <= chart.upperLimit) return null;
  const f = (n: number) => Number(Math.max(0, n).toFixed(1)).toLocaleString('en-GB');
  return `${f(chart.lowerLimit)} to ${f(chart.upperLimit)}, from the last ${history.length} values`;
}
