import { describe, expect, it } from 'vitest';
import { reportDocumentHtml } from '../../reports/render/html.ts';
import type { SubjectAccessRecord } from './subjectAccess.ts';
import { subjectAccessReport } from './subjectAccessReport.ts';
import { mark } from './thirdParty.ts';

/* The subject access PDF's document, from a SYNTHETIC record; expected text written by hand. */

const TOWER_HAMLETS = { code: 'E09000030', name: 'Tower Hamlets' };

const record: SubjectAccessRecord = {
  generatedAt: '2026-11-20T15:00:00.000Z',
  person: {
    id: 7,
    reference: 'P-2222-3333',
    givenName: 'SyntheticAda',
    familyName: 'Alphaworth',
    dateOfBirth: '2010-04-01',
    sex: 'female',
    special: { ethnicity: 'white-british', health: 'SYNTHETIC asthma' },
  },
  referrals: [
    {
      reference: 'R-2222-4444',
      referrer: mark('nurse@synthetic.test', 'staff member of another agency (health)'),
      reason: mark('SYNTHETIC: seen with SyntheticLin near the station', 'mentions a third party (SyntheticLin)'),
      lawfulBasis: 'public-task',
    },
  ],
  screenings: [],
  cases: [
    {
      reference: 'C-2222-5555',
      panel: 'mace',
      summary: 'SYNTHETIC case of SyntheticAda',
      links: [
        {
          relationship: 'sibling',
          person: mark('SyntheticLin Gammaton (P-2222-6666)', 'third party: a linked person'),
        },
      ],
    },
  ],
  breakGlassReads: [],
  auditTrail: [],
};

/** The print document's cover: the <header> before the contents. */
const cover = (html: string) =>
  html.slice(html.indexOf('<header class="app-report-cover">'), html.indexOf('</header>'));

describe('subject access report', () => {
  it("shows the partnership's area on the cover, as other reports do", () => {
    const html = reportDocumentHtml(subjectAccessReport(record, TOWER_HAMLETS), { print: true });
    const front = cover(html);
    expect(front).toContain('Subject access record P-2222-3333');
    expect(front).toMatch(/>Area<\/dt>\s*<dd[^>]*>\s*Tower Hamlets \(E09000030\)\s*<\/dd>/);
    expect(front).not.toContain('Safer (');
    expect(front).toContain('OFFICIAL-SENSITIVE');
  });
});
