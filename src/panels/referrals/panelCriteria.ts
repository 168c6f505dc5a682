import type { PanelDefinition } from '../panelSchema.ts';

/*
 * A referral against its destination panel's criteria (panels/*.json): MARAC's "DASH 14 or more, or a reason"
 * and the like come from the definition, never from code.
 */

/** The destination panel's criteria: at least one ground when it lists any, each with the evidence it needs. */
export function checkCriteria(
  panel: PanelDefinition,
  grounds: string[],
  dash: number | null,
  dashRaw: number | null | 'bad',
  reason: string,
  add: (field: 'grounds' | 'dashScore' | 'reason', message: string) => void,
) {
  if (panel.criteria.length === 0) {
    if (reason === '') add('reason', `Say why you are referring to the ${panel.shortName}`);
    return;
  }
  if (grounds.length === 0) {
    const needs = panel.criteria
      .map((c) =>
        c.evidence === 'dash-score'
          ? `a DASH risk score of ${c.minimum} or more`
          : c.label.charAt(0).toLowerCase() + c.label.slice(1),
      )
      .join(', or ');
    add(
      'grounds',
      `A ${panel.shortName} referral needs at least one referral criterion, with its DASH score or reason: ${needs}`,
    );
    return;
  }
  for (const id of grounds) {
    const c = panel.criteria.find((k) => k.id === id);
    if (!c) {
      add('grounds', `Choose ${panel.shortName} referral criteria from the list`);
      continue;
    }
    if (c.evidence === 'dash-score' && dashRaw !== 'bad') {
      const min = c.minimum ?? 0;
      if (dash === null) add('dashScore', `Enter the DASH risk score: “${c.label}” needs ${min} or more`);
      else if (dash < min)
        add(
          'dashScore',
          `DASH risk score must be ${min} or more for “${c.label}” (it is ${dash}); give a reason under another criterion instead`,
        );
    }
    if (c.evidence === 'reason' && reason === '') add('reason', `Give the reason for “${c.label}”`);
  }
}
