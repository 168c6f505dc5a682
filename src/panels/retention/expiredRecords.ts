import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { addMonths, retentionCutoff } from '../../registers/retention/retentionCutoff.ts';
import type { PanelSet } from '../loadPanels.ts';

/*
 * What the panels' retention job finds past its date (issue 21), read without changing anything so the dry run
 * and the real run list the same records:
 * - a closed case whose retain_until (set by its panel and outcome when it closed) is before today;
 * - a referral closed without a case (triaged to advice, early help or no further action), once its triage date
 *   plus the triaging panel's retention for that decision (panels/<id>.json retention.byOutcome, else defaultYears)
 *   is before today. For the MASH that is panels/mash.json.
 * Records already removed are not found again, so a second run finds nothing.
 */

/** Written in place of text a CHECK requires to stay non-blank (action texts, a consent reason). */
export const REMOVED_TEXT = 'removed after retention';

export interface ExpiredCase {
  id: number;
  reference: string;
  panelId: string;
  retainUntil: string;
  referralId: number | null;
  personId: number | null;
}

export interface ExpiredReferral {
  id: number;
  reference: string;
  panelId: string;
  triagedOn: string;
  decision: string | null;
  /** The date its personal data is kept until (triage date plus the panel's years for the decision). */
  retainUntil: string;
  personId: number | null;
}

export async function expiredCases(db: Kysely<DB>, today: string): Promise<ExpiredCase[]> {
  const rows = await db
    .selectFrom('panel_case')
    .select(['id', 'reference', 'panel_id', 'retain_until', 'referral_id', 'person_id'])
    .where('status', '=', 'closed')
    .where('retain_until', 'is not', null)
    .where('retain_until', '<', today)
    .where('personal_removed_at', 'is', null)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    panelId: r.panel_id,
    retainUntil: String(r.retain_until),
    referralId: r.referral_id,
    personId: r.person_id,
  }));
}

/** Years a panel keeps a referral it triaged with `decision` (the decision's own years, else the default). */
export function referralYears(panels: PanelSet, panelId: string, decision: string | null): number | null {
  const panel = panels.get(panelId);
  if (!panel) return null;
  return (decision !== null ? panel.retention.byOutcome[decision] : undefined) ?? panel.retention.defaultYears;
}

export async function expiredReferrals(db: Kysely<DB>, panels: PanelSet, today: string): Promise<ExpiredReferral[]> {
  const rows = await db
    .selectFrom('referral as r')
    .select(['r.id', 'r.reference', 'r.panel_id', 'r.triaged_at', 'r.triage_decision', 'r.person_id'])
    .where('r.status', 'in', ['triaged', 'closed'])
    .where('r.triaged_at', 'is not', null)
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('panel_case as c').select('c.id').whereRef('c.referral_id', '=', 'r.id'))),
    )
    // Not yet removed: something personal is still there.
    .where((eb) =>
      eb.or([
        eb('r.person_id', 'is not', null),
        eb('r.reason', 'is not', null),
        eb('r.triage_reason', 'is not', null),
        eb.and([eb('r.consent_reason', 'is not', null), eb('r.consent_reason', '<>', REMOVED_TEXT)]),
      ]),
    )
    .orderBy('r.id')
    .execute();
  const found: ExpiredReferral[] = [];
  for (const r of rows) {
    const years = referralYears(panels, r.panel_id, r.triage_decision);
    if (years === null || r.triaged_at === null) continue;
    const triagedOn = new Date(r.triaged_at).toISOString().slice(0, 10);
    // Kept while triagedOn + years is today or later: the same turned-round cutoff as the registers' fields.
    if (triagedOn >= retentionCutoff(today, years * 12)) continue;
    found.push({
      id: r.id,
      reference: r.reference,
      panelId: r.panel_id,
      triagedOn,
      decision: r.triage_decision,
      retainUntil: addMonths(triagedOn, years * 12),
      personId: r.person_id,
    });
  }
  return found;
}
