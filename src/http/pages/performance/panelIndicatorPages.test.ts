import { describe, expect, it } from 'vitest';
import { READERS, useSignedInDashboard } from '../../../../test/signedInDashboard.ts';
import { insertReferralFacts } from '../../../panels/testing/referralFacts.ts';

/*
 * The panel indicators (indicators/serious-violence.json) on the scorecard for a probation viewer (on no panel:
 * the counts are anonymous, so every partnership reader sees them, released with 1–7 suppressed). SYNTHETIC facts:
 * 12 referrals to MACE in 2026/27 Q1 (April–June 2026) and 9 in Q2 (July–September); a fact added later reaches
 * the cached scorecard at once (its key carries the facts' version).
 */
const t = useSignedInDashboard({ viewer: READERS.viewer });
const QUARTER = '2026/27 Q2';

const referrals = (n: number, on: string) => insertReferralFacts(t.f.h.services.db, n, on);

const rowOf = (html: string, name: string) => {
  const start = html.indexOf(name);
  expect(start).toBeGreaterThan(-1);
  return html
    .slice(start, html.indexOf('</tr>', start))
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');
};

describe('indicators computed from the panel counts, on the scorecard', () => {
  it('shows the quarters to a viewer on no panel, and a later referral at once', async () => {
    await referrals(12, '2026-05-01');
    await referrals(9, '2026-08-01');
    const url = `/performance?quarter=${encodeURIComponent(QUARTER)}`;
    const first = await t.as.viewer.get(url);
    expect(first.statusCode).toBe(200);
    expect(rowOf(first.body, 'Referrals to multi-agency panels')).toContain('2026/27 Q1 12 2026/27 Q2 9 ');
    await referrals(1, '2026-09-30');
    const again = await t.as.viewer.get(url);
    expect(rowOf(again.body, 'Referrals to multi-agency panels')).toContain('2026/27 Q1 12 2026/27 Q2 10 ');
  });
});
