import { percentChange } from '../change/change.ts';

/** How an area's rate sits against a benchmark's, as the Fingertips rule decides it (benchmark outside the 95% interval). */
export type BenchmarkDirection = 'similar' | 'higher' | 'lower';

export interface HeadlineNumbers {
  /** What is counted, as a sentence starts with it: 'Knife crime with injury'. */
  subject: string;
  count: number;
  /** The comparison period's count; null when there is no comparison. */
  previousCount: number | null;
  /** The comparison period's label when it is not simply last year (e.g. '2019/20'); null or omitted for 'last year'. */
  comparedWith?: string | null;
  benchmark?: { direction: BenchmarkDirection; label: string } | null;
}

/**
 * One plain-English sentence from a headline figure's numbers, e.g.
 * "Knife crime with injury fell 16% on last year; the rate is similar to London."
 * Percentages are whole numbers (a reader cannot use more); a zero base has no
 * percentage, and the words say so rather than printing "n/a" or "Infinity".
 * Pure: the same numbers always give the same words.
 */
export function headlineSentence(n: HeadlineNumbers): string {
  const when = n.comparedWith
    ? { on: `compared with ${n.comparedWith}`, as: `as in ${n.comparedWith}`, from: `in ${n.comparedWith}` }
    : { on: 'on last year', as: 'as last year', from: 'last year' };
  const clauses: string[] = [];
  if (n.previousCount !== null) clauses.push(`${n.subject} ${changeWords(n.count, n.previousCount, when)}`);
  if (n.benchmark) {
    const rate = `the rate is ${benchmarkWords(n.benchmark.direction)} ${n.benchmark.label}`;
    clauses.push(clauses.length === 0 ? `${n.subject}: ${rate}` : rate);
  }
  if (clauses.length === 0) clauses.push(`${n.subject}: ${n.count.toLocaleString('en-GB')} recorded`);
  return `${clauses.join('; ')}.`;
}

function changeWords(count: number, previous: number, when: { on: string; as: string; from: string }): string {
  if (count === previous)
    return previous === 0
      ? `stayed the same ${when.as}, with none recorded in either period`
      : `stayed the same ${when.as}`;
  const pct = percentChange(previous, count);
  if (pct === null)
    return `rose from none ${when.from} to ${count.toLocaleString('en-GB')} (no percentage change from zero)`;
  const verb = pct > 0 ? 'rose' : 'fell';
  const whole = Math.round(Math.abs(pct));
  return whole === 0 ? `${verb} by less than 1% ${when.on}` : `${verb} ${whole}% ${when.on}`;
}

function benchmarkWords(direction: BenchmarkDirection): string {
  return direction === 'similar' ? 'similar to' : direction === 'higher' ? 'higher than' : 'lower than';
}
