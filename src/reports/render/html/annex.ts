import type { BuiltReport, DataNote } from '../../builtReport.ts';
import { ABOUT_ID, NOTES_ID, noteId } from './anchors.ts';
import { escapeHtml, formatDate, formatDateTime } from './markup.ts';

/** One key–value row of a GOV.UK summary list; `value` is already HTML. */
export const summaryRow = (key: string, value: string): string =>
  `<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">${escapeHtml(key)}</dt><dd class="govuk-summary-list__value">${value}</dd></div>`;

function noteHtml(note: DataNote): string {
  const definition =
    escapeHtml(note.definition) + (note.definitionVersion === null ? '' : ` (version ${note.definitionVersion})`);
  const rows = [
    note.usedBy.length ? summaryRow('Used by', escapeHtml(note.usedBy.join(', '))) : '',
    summaryRow('Source', escapeHtml(note.source)),
    note.extractDates.length
      ? summaryRow(
          note.extractDates.length === 1 ? 'Extract' : 'Extracts',
          escapeHtml(note.extractDates.map(formatDate).join(', ')),
        )
      : '',
    summaryRow('Definition', definition),
    summaryRow('Method', escapeHtml(note.method)),
    note.caveats.length
      ? summaryRow(
          'Caveats',
          `<ul class="govuk-list govuk-list--bullet">${note.caveats.map((c) => `<li>${escapeHtml(c)}</li>`).join('')}</ul>`,
        )
      : '',
  ];
  return (
    `<li class="app-report-note" id="${noteId(note.number)}"><h3 class="govuk-heading-s">Note ${note.number}</h3>` +
    `<dl class="govuk-summary-list govuk-summary-list--no-border">${rows.join('')}</dl></li>`
  );
}

/** The numbered data notes annex: each figure's "Data notes: note 1" links here. */
export function notesHtml(report: BuiltReport): string {
  const body = report.notes.length
    ? `<ol class="govuk-list app-report-notes__list">${report.notes.map(noteHtml).join('')}</ol>`
    : '<p class="govuk-body">No figure in this report draws on data.</p>';
  return `<section class="app-report-notes" aria-labelledby="${NOTES_ID}"><h2 class="govuk-heading-l" id="${NOTES_ID}">Data notes</h2>${body}</section>`;
}

/** Provenance and licences, printed at the end of every format. */
export function aboutHtml(report: BuiltReport): string {
  const asOf = Object.values(report.asOf);
  const frozen = asOf.length
    ? `<p class="govuk-body-s">This is a published build: its figures were answered as of the extract dates ${escapeHtml(
        [...new Set(asOf)].sort().map(formatDate).join(', '),
      )} and do not change when newer data is imported.</p>`
    : '';
  const lines = report.attribution.map((line) => `<li>${escapeHtml(line)}</li>`).join('');
  return (
    `<section class="app-report-about" aria-labelledby="${ABOUT_ID}"><h2 class="govuk-heading-m" id="${ABOUT_ID}">About this report</h2>` +
    `<p class="govuk-body-s">Built on ${escapeHtml(formatDateTime(report.builtAt))} from template ${escapeHtml(report.templateId)}, version ${report.templateVersion}. ${escapeHtml(editionText(report))}</p>` +
    frozen +
    `<ul class="govuk-list govuk-body-s app-report-attribution">${lines}</ul></section>`
  );
}

export const editionText = (report: BuiltReport): string =>
  report.edition === 'public'
    ? 'Public edition: every source’s disclosure rule is applied.'
    : 'Internal edition: small numbers are shown, for readers allowed to see them.';
