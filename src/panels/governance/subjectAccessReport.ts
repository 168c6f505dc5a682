import type { BuiltReport, BuiltSection, Inline, NarrativeElement } from '../../reports/builtReport.ts';
import type { SubjectAccessRecord } from './subjectAccess.ts';
import { countOf, subjectAccessCounts } from './subjectAccessCounts.ts';
import { isMarked } from './thirdParty.ts';

/*
 * A subject access record as a BuiltReport, the report engine's document model, so render/pdf.ts prints it with the
 * OFFICIAL-SENSITIVE marking on every page. Each part is a section; each record a list of "field: value" lines. A
 * value marked for redaction (thirdParty.ts) is printed inside a bordered box labelled "Redact before release: why"
 * (the report model's 'marked' inline), so the data protection lead sees every one and nothing else looks like it.
 */

/** The words that open every marked value's box, in the PDF and in the summary that counts them. */
export const REDACT_LABEL = 'Redact before release';

/** The person as the record shows them: the database's row id means nothing to them. */
const personWithoutId = ({ id: _id, ...rest }: SubjectAccessRecord['person']) => rest;
const words = (key: string) => key.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase());

/** The lines for one value: scalars on one line, objects and arrays as indented "a › b" paths. */
function lines(label: string, value: unknown): Inline[][] {
  if (isMarked(value))
    return [
      [
        { kind: 'text', text: `${label}: ` },
        { kind: 'marked', label: `${REDACT_LABEL}: ${value.why}`, text: String(value.value) },
      ],
    ];
  if (value === null || value === undefined || value === '') return [[{ kind: 'text', text: `${label}: none` }]];
  if (Array.isArray(value)) {
    if (value.length === 0) return [[{ kind: 'text', text: `${label}: none` }]];
    return value.flatMap((v, i) => lines(`${label} ${i + 1}`, v));
  }
  if (typeof value === 'object')
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => lines(`${label} › ${words(k)}`, v));
  return [[{ kind: 'text', text: `${label}: ${String(value)}` }]];
}

const recordList = (record: Record<string, unknown>): NarrativeElement => ({
  kind: 'list',
  ordered: false,
  items: Object.entries(record).flatMap(([k, v]) => lines(words(k), v)),
});

function section(
  number: number,
  id: string,
  title: string,
  records: Record<string, unknown>[],
  heading: (r: Record<string, unknown>, i: number) => string,
): BuiltSection {
  const elements: NarrativeElement[] =
    records.length === 0
      ? [{ kind: 'paragraph', content: [{ kind: 'text', text: 'None held.' }] }]
      : records.flatMap((r, i) => [
          { kind: 'heading', level: 3, content: [{ kind: 'text', text: heading(r, i) }] } as NarrativeElement,
          recordList(r),
        ]);
  return { id, number: String(number), title, blocks: [{ kind: 'narrative', id: `${id}-text`, elements }] };
}

/** `area` is the partnership's (subjectAccessExport's partnershipArea), shown on the cover like other reports'. */
export function subjectAccessReport(record: SubjectAccessRecord, area: { code: string; name: string }): BuiltReport {
  const p = record.person;
  const marked = JSON.stringify(record).split('"redact":true').length - 1;
  const summary: BuiltSection = {
    id: 'summary',
    number: '1',
    title: 'About this record',
    blocks: [
      {
        kind: 'narrative',
        id: 'summary-text',
        elements: [
          {
            kind: 'paragraph',
            content: [
              {
                kind: 'text',
                text: `Everything Safer holds on ${p.reference} on ${record.generatedAt.slice(0, 10)}: ${subjectAccessCounts(record)}. `,
              },
              {
                kind: 'strong',
                text: `${countOf(marked, 'value')} ${marked === 1 ? 'is' : 'are'} marked “${REDACT_LABEL}”`,
              },
              { kind: 'text', text: ': details of third parties, boxed, to be reviewed before release.' },
            ],
          },
          recordList({ person: personWithoutId(p) }),
        ],
      },
    ],
  };
  const sections = [
    summary,
    section(2, 'referrals', 'Referrals', record.referrals, (r) => `Referral ${String(r.reference)}`),
    section(3, 'screenings', 'Screenings', record.screenings, (s) => `Screening ${String(s.id)} (${String(s.tool)})`),
    section(4, 'cases', 'Cases', record.cases, (c) => `Case ${String(c.reference)} (${String(c.panel)})`),
    section(5, 'break-glass', 'Break-glass reads of these cases', record.breakGlassReads, (_, i) => `Read ${i + 1}`),
    section(
      6,
      'audit',
      'Who read or changed these records',
      record.auditTrail,
      (a) => `${String(a.at)} ${String(a.action)}`,
    ),
  ];
  return {
    title: `Subject access record ${p.reference}`,
    subtitle: 'Everything held on one person, third-party details marked for redaction',
    templateId: 'subject-access',
    templateVersion: 1,
    area,
    period: record.generatedAt.slice(0, 10),
    compare: null,
    edition: 'internal',
    marking: 'OFFICIAL-SENSITIVE',
    builtAt: record.generatedAt,
    asOf: {},
    extracts: {},
    sections,
    notes: [],
    annex: [],
    attribution: [],
  };
}
