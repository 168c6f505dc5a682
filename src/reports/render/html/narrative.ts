import type { Inline, NarrativeBlock, NarrativeElement } from '../../builtReport.ts';
import { escapeHtml, safeHref } from './markup.ts';

/** Narrative is data, never markup: every piece of text is escaped, and only safe links become <a>. */
export function inlineHtml(content: Inline[]): string {
  return content
    .map((inline) => {
      const text = escapeHtml(inline.text);
      switch (inline.kind) {
        case 'text':
          return text;
        case 'strong':
          return `<strong>${text}</strong>`;
        case 'em':
          return `<em>${text}</em>`;
        case 'link': {
          const href = safeHref(inline.href);
          return href === null ? text : `<a class="govuk-link" href="${escapeHtml(href)}">${text}</a>`;
        }
        case 'marked':
          return (
            `<span class="app-report-marked"><span class="app-report-marked__label">${escapeHtml(inline.label)}</span>` +
            ` — ${text}</span>`
          );
      }
    })
    .join('');
}

function elementHtml(element: NarrativeElement): string {
  switch (element.kind) {
    case 'paragraph':
      return `<p class="govuk-body">${inlineHtml(element.content)}</p>`;
    case 'heading':
      // Sections are h2, so narrative headings sit below them: h3 (medium), h4 (small).
      return element.level === 3
        ? `<h3 class="govuk-heading-m">${inlineHtml(element.content)}</h3>`
        : `<h4 class="govuk-heading-s">${inlineHtml(element.content)}</h4>`;
    case 'list': {
      const items = element.items.map((item) => `<li>${inlineHtml(item)}</li>`).join('');
      return element.ordered
        ? `<ol class="govuk-list govuk-list--number">${items}</ol>`
        : `<ul class="govuk-list govuk-list--bullet">${items}</ul>`;
    }
  }
}

export const narrativeHtml = (block: NarrativeBlock): string =>
  `<div class="app-report-narrative">${block.elements.map(elementHtml).join('')}</div>`;
