import type { ReportStatus } from '../../../db/tables/reports.ts';

/** How a status reads in a GOV.UK tag: words and colour (grey while drafting, blue in review, green when out). */
const TAGS: Record<ReportStatus, { text: string; classes: string }> = {
  draft: { text: 'Draft', classes: 'govuk-tag--grey' },
  in_review: { text: 'In review', classes: 'govuk-tag--blue' },
  approved: { text: 'Approved', classes: 'govuk-tag--turquoise' },
  published: { text: 'Published', classes: 'govuk-tag--green' },
};

export const statusTag = (status: ReportStatus) => TAGS[status];

/** The report page's own tag, findable apart from the phase banner's. */
export const reportStatusTag = (status: ReportStatus) => ({ ...TAGS[status], attributes: { id: 'report-status' } });

/** A history row's words: "Created as a draft", "Submitted for review", … */
export function transitionWords(from: ReportStatus | null, to: ReportStatus): string {
  if (from === null) return 'Created as a draft';
  if (to === 'in_review') return 'Submitted for review';
  if (to === 'draft') return 'Returned to draft';
  if (to === 'approved') return 'Approved';
  return 'Published';
}
