import { describe, expect, it } from 'vitest';
import { parts, paragraphs } from '../../reports/render/docx/testing/readDocx.ts';
import { reportDocumentHtml } from '../../reports/render/html.ts';
import { builtReportSchema } from '../../reports/workflow/builtReportSchema.ts';
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

  it('prints each marked value inside a labelled box, and nothing of the subject’s own in one', () => {
    const report = subjectAccessReport(record, TOWER_HAMLETS);
    const html = reportDocumentHtml(report, { print: true });
    const boxes = [...html.matchAll(/<span class="app-report-marked">(.*?)<\/span>( — .*?)<\/span>/g)].map(
      (m) => `${m[1]?.replace(/<[^>]+>/g, '')}${m[2]}`,
    );
    expect(boxes).toEqual([
      'Redact before release: staff member of another agency (health) — nurse@synthetic.test',
      'Redact before release: mentions a third party (SyntheticLin) — SYNTHETIC: seen with SyntheticLin near the station',
      'Redact before release: third party: a linked person — SyntheticLin Gammaton (P-2222-6666)',
    ]);
    expect(html).not.toContain('[REDACT?');
    // The subject's own details stand as plain lines.
    for (const own of [
      'Reference: P-2222-3333',
      'Given Name: SyntheticAda',
      'Family Name: Alphaworth',
      'Special › Health: SYNTHETIC asthma',
    ])
      expect(html).toContain(`<li>Person › ${own}</li>`);
    // The box is drawn by the document's own CSS, in print as on screen.
    expect(html).toContain('.app-report-marked { border: 2px solid #d4351c;');
  });

  it('escapes a marked value and its reason like any other text', () => {
    const hostile: SubjectAccessRecord = {
      ...record,
      referrals: [{ reference: 'R-2222-4444', reason: mark('<script>x</script>', 'mentions <b>Lin</b>') }],
      cases: [],
    };
    const html = reportDocumentHtml(subjectAccessReport(hostile, TOWER_HAMLETS), { print: false });
    expect(html).toContain(
      '<span class="app-report-marked__label">Redact before release: mentions &lt;b&gt;Lin&lt;/b&gt;</span> — &lt;script&gt;x&lt;/script&gt;</span>',
    );
    expect(html).not.toContain('<script>');
  });

  it('is a BuiltReport the store accepts, and Word draws the box with its label', async () => {
    const report = subjectAccessReport(record, TOWER_HAMLETS);
    expect(builtReportSchema.parse(report)).toEqual(report);
    const docx = await parts(report);
    expect(paragraphs(docx.document).map((p) => p.text)).toContain(
      'Links 1 › Person: Redact before release: third party: a linked person — SyntheticLin Gammaton (P-2222-6666)',
    );
    expect(docx.document).toMatch(/<w:bdr w:val="single" w:color="D4351C" w:sz="12" w:space="1"\/>/);
  });
});
