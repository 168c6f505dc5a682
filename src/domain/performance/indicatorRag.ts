import { assessAgainstTarget, type Target as StatsTarget } from '../stats/targetRag.ts';

/*
 * Target RAG: an indicator's value against its target, with the tolerance band written down. "No target" and
 * "not comparable" are states of their own, never a colour (issue 18). Green = on target; amber = missed by no
 * more than the tolerance (a percentage of the target value); red = missed by more.
 */

export type IndicatorPolarity = 'higher-is-better' | 'lower-is-better' | 'neither';

export type IndicatorTarget =
  | { kind: 'none' }
  | { kind: 'value'; value: number; tolerance: { amberWithinPercent: number; text: string } }
  | {
      kind: 'change';
      percent: number;
      against: 'baseline' | 'previous';
      tolerance: { amberWithinPercent: number; text: string };
    };

export type TargetRag =
  | { state: 'green' | 'amber' | 'red'; target: number; gap: number; says: string; tolerance: string }
  | { state: 'no target'; says: string }
  | { state: 'not comparable'; says: string }
  | { state: 'no reference value'; says: string };

const fmt = (n: number) => Number(n.toFixed(2)).toLocaleString('en-GB');

/**
 * `reference` is the value the change target is measured against (the baseline's or the previous period's),
 * or null when there is none; `comparable` is false when it was reported under another definition.
 */
export function targetRag(
  value: number,
  target: IndicatorTarget,
  polarity: IndicatorPolarity,
  reference: { value: number; label: string; comparable: boolean } | null,
): TargetRag {
  if (target.kind === 'none') return { state: 'no target', says: 'no target set' };
  if (polarity === 'neither')
    return { state: 'no target', says: 'a target needs the indicator to say whether higher or lower is better' };
  let aim: number;
  let words: string;
  if (target.kind === 'value') {
    aim = target.value;
    words = `${polarity === 'lower-is-better' ? 'at most' : 'at least'} ${fmt(aim)}`;
  } else {
    const name = target.against === 'baseline' ? 'the baseline' : 'the previous period';
    if (reference === null) return { state: 'no reference value', says: `no value for ${name} to measure against` };
    if (!reference.comparable)
      return { state: 'not comparable', says: `${name} (${reference.label}) was counted under another definition` };
    aim = reference.value * (1 + target.percent / 100);
    const signed = target.percent > 0 ? `+${fmt(target.percent)}` : fmt(target.percent);
    words = `${signed}% against ${reference.label} (${fmt(reference.value)}): ${fmt(aim)}`;
  }
  const t: StatsTarget = {
    description: words,
    value: aim,
    tolerance: (Math.abs(aim) * target.tolerance.amberWithinPercent) / 100,
    direction: polarity === 'lower-is-better' ? 'at most' : 'at least',
  };
  const a = assessAgainstTarget(value, t);
  const state = a.status === 'on target' ? 'green' : a.status === 'within tolerance' ? 'amber' : 'red';
  return { state, target: aim, gap: a.gap, says: words, tolerance: target.tolerance.text };
}
