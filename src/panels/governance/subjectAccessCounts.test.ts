import { describe, expect, it } from 'vitest';
import type { SubjectAccessRecord } from './subjectAccess.ts';
import { countOf, subjectAccessCounts } from './subjectAccessCounts.ts';
import { subjectAccessReport } from './subjectAccessReport.ts';
import { mark } from './thirdParty.ts';

/* The record's counts in words, for 0, 1 and 2 of each part; SYNTHETIC records, sentences written by hand. */

const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ reference: `SYNTHETIC-${i + 1}` }));
const counted = (n: number) => ({
  referrals: rows(n),
  screenings: rows(n),
  cases: rows(n),
  breakGlassReads: rows(n),
  auditTrail: rows(n),
});

describe('subject access counts', () => {
  it('says 0 and 2 in the plural and 1 in the singular, audit entries included', () => {
    expect(countOf(0, 'case')).toBe('0 cases');
    expect(countOf(1, 'case')).toBe('1 case');
    expect(countOf(2, 'case')).toBe('2 cases');
    expect(subjectAccessCounts(counted(0))).toBe(
      '0 referrals, 0 screenings, 0 cases, 0 break-glass reads and 0 audit entries',
    );
    expect(subjectAccessCounts(counted(1))).toBe(
      '1 referral, 1 screening, 1 case, 1 break-glass read and 1 audit entry',
    );
    expect(subjectAccessCounts(counted(2))).toBe(
      '2 referrals, 2 screenings, 2 cases, 2 break-glass reads and 2 audit entries',
    );
  });

  it("the PDF's summary counts each part and the marked values in words", () => {
    const record = (marks: number): SubjectAccessRecord => ({
      generatedAt: '2026-11-20T15:00:00.000Z',
      person: {
        id: 1,
        reference: 'P-2222-3333',
        givenName: 'SyntheticAda',
        familyName: 'Alphaworth',
        dateOfBirth: '2010-04-01',
        sex: 'female',
        special: { ethnicity: 'not-stated' },
      },
      referrals: [
        { reference: 'R-2222-4444', reason: marks > 0 ? mark('SYNTHETIC: seen with Lin', 'third party') : 'x' },
      ],
      screenings: [],
      cases: [{ reference: 'C-2222-5555', summary: marks > 1 ? mark('SYNTHETIC: Lin', 'third party') : 'y' }],
      breakGlassReads: [],
      auditTrail: [{ action: 'case.read' }, { action: 'case.update' }],
    });
    const summary = (marks: number) => {
      const block = subjectAccessReport(record(marks), { code: 'E09000030', name: 'Tower Hamlets' }).sections[0]
        ?.blocks[0];
      const paragraph = block?.kind === 'narrative' ? block.elements[0] : undefined;
      return paragraph?.kind === 'paragraph' ? paragraph.content.map((c) => ('text' in c ? c.text : '')).join('') : '';
    };
    expect(summary(1)).toBe(
      'Everything Safer holds on P-2222-3333 on 2026-11-20: 1 referral, 0 screenings, 1 case, 0 break-glass reads ' +
        'and 2 audit entries. 1 value is marked “Redact before release”: details of third parties, boxed, to be ' +
        'reviewed before release.',
    );
    expect(summary(0)).toContain('0 values are marked');
    expect(summary(2)).toContain('2 values are marked');
  });
});
