import type { ChartTable } from '../../../charts/chart.ts';
import type { FigureBlock } from '../../builtReport.ts';
import { noteId } from './anchors.ts';
import { cellText, escapeHtml, sentence } from './markup.ts';

/** The numbers as a GOV.UK table: column and row headers scoped, numeric columns right aligned. */
export function tableHtml(table: ChartTable): string {
  const numeric = (i: number): boolean => table.numeric[i] === true;
  const head = table.head.length
    ? `<thead class="govuk-table__head"><tr class="govuk-table__row">${table.head
        .map(
          (h, i) =>
            `<th scope="col" class="govuk-table__header${numeric(i) ? ' govuk-table__header--numeric' : ''}">${escapeHtml(h)}</th>`,
        )
        .join('')}</tr></thead>`
    : '';
  const rows = table.rows
    .map(
      (row) =>
        `<tr class="govuk-table__row">${row
          .map((cell, i) =>
            // The first column names the row (an age band, a month): a row header, as in the dashboard's tables.
            i === 0
              ? `<th scope="row" class="govuk-table__header">${escapeHtml(cellText(cell))}</th>`
              : `<td class="govuk-table__cell${numeric(i) ? ' govuk-table__cell--numeric' : ''}">${escapeHtml(cellText(cell))}</td>`,
          )
          .join('')}</tr>`,
    )
    .join('');
  return (
    '<table class="govuk-table app-report-table">' +
    `<caption class="govuk-table__caption govuk-table__caption--s">${escapeHtml(table.caption)}</caption>` +
    `${head}<tbody class="govuk-table__body">${rows}</tbody></table>`
  );
}

function notesLine(notes: number[]): string {
  if (notes.length === 0) return '';
  const links = notes.map((n) => `<a class="govuk-link" href="#${noteId(n)}">note ${n}</a>`).join(', ');
  return `<p class="govuk-body-s app-report-figure__notes">Data notes: ${links}</p>`;
}

function suppressedLine(cells: number): string {
  if (cells === 0) return '';
  const what = cells === 1 ? '1 number is' : `${cells} numbers are`;
  return `<p class="govuk-body-s app-report-figure__suppressed">${what} withheld in this edition (disclosure control) to protect people who could be identified.</p>`;
}

/**
 * One figure block as a <figure>: caption "Figure 1: title", then the headline statement, the chart (the SVG is
 * the trusted output of src/charts and goes in as it is) and its numbers as a table. On screen the table of a
 * chart is behind "View as table"; in print (`print`) nothing can be opened, so it follows the chart. An
 * unavailable figure says why instead.
 */
export function figureHtml(block: FigureBlock, id: string, print: boolean): string {
  const caption = `<figcaption class="govuk-heading-s app-report-figure__caption">${escapeHtml(block.label)}: ${escapeHtml(block.title)}</figcaption>`;
  const parts: string[] = [caption];
  if (block.unavailable !== null) {
    parts.push(
      `<p class="govuk-body app-report-figure__unavailable">This figure could not be produced: ${escapeHtml(sentence(block.unavailable))}</p>`,
    );
  } else {
    if (block.statement !== null)
      parts.push(`<p class="govuk-body app-report-figure__statement">${escapeHtml(block.statement)}</p>`);
    if (block.chart === null) parts.push(tableHtml(block.table));
    else {
      parts.push(`<div class="app-report-figure__graphic">${block.chart.svg}</div>`);
      parts.push(`<p class="govuk-body-s app-report-figure__description">${escapeHtml(block.chart.description)}</p>`);
      parts.push(
        print
          ? tableHtml(block.table)
          : '<details class="govuk-details app-report-figure__table">' +
              `<summary class="govuk-details__summary"><span class="govuk-details__summary-text">View as table<span class="govuk-visually-hidden">: ${escapeHtml(block.label)}</span></span></summary>` +
              `<div class="govuk-details__text">${tableHtml(block.table)}</div></details>`,
      );
    }
    parts.push(suppressedLine(block.suppressedCells));
  }
  parts.push(notesLine(block.notes));
  return `<figure class="app-report-figure" id="${escapeHtml(id)}">${parts.join('')}</figure>`;
}
