import { BorderStyle, ExternalHyperlink, HeadingLevel, Paragraph, type ParagraphChild, TextRun } from 'docx';
import type { Inline, NarrativeBlock, NarrativeElement } from '../../builtReport.ts';
import { safeHref } from '../html/markup.ts';

/** The numbering definitions lists use (registered in docx.ts, whose Document needs them up front). */
export const ORDERED_LIST = 'report-ordered';
export const BULLET_LIST = 'report-bullet';

/**
 * Each ordered list gets its own numbering instance, so the second list in a report starts at 1 again instead of
 * carrying on from the first. One counter per document.
 */
export interface ListCounter {
  next(): number;
}

export function listCounter(): ListCounter {
  let instance = 0;
  return { next: () => ++instance };
}

/** One inline element as Word runs. The docx package escapes the text as XML, so <, & and quotes arrive as written. */
export function inlineRun(inline: Inline): ParagraphChild {
  switch (inline.kind) {
    case 'text':
      return new TextRun(inline.text);
    case 'strong':
      return new TextRun({ text: inline.text, bold: true });
    case 'em':
      return new TextRun({ text: inline.text, italics: true });
    case 'marked':
      // One run, so one border round the label and the text, as the HTML's box.
      return new TextRun({
        text: `${inline.label} — ${inline.text}`,
        border: { style: BorderStyle.SINGLE, size: 12, color: 'D4351C', space: 1 },
      });
    case 'link': {
      // The HTML's rule: only http(s) and mailto links are live; anything else (javascript:, file:) is plain text.
      const href = safeHref(inline.href);
      if (href === null) return new TextRun(inline.text);
      return new ExternalHyperlink({
        link: href,
        children: [new TextRun({ text: inline.text, style: 'Hyperlink' })],
      });
    }
  }
}

export const inlineRuns = (content: readonly Inline[]): ParagraphChild[] => content.map(inlineRun);

function element(el: NarrativeElement, lists: ListCounter): Paragraph[] {
  switch (el.kind) {
    case 'paragraph':
      return [new Paragraph({ children: inlineRuns(el.content) })];
    case 'heading':
      return [
        new Paragraph({
          heading: el.level === 3 ? HeadingLevel.HEADING_3 : HeadingLevel.HEADING_4,
          children: inlineRuns(el.content),
        }),
      ];
    case 'list': {
      const instance = lists.next();
      return el.items.map(
        (item) =>
          new Paragraph({
            numbering: { reference: el.ordered ? ORDERED_LIST : BULLET_LIST, level: 0, instance },
            children: inlineRuns(item),
          }),
      );
    }
  }
}

/** A narrative block: paragraphs, level 3 and 4 headings (real heading styles, so Word's navigation sees them), lists. */
export const narrativeParagraphs = (block: NarrativeBlock, lists: ListCounter): Paragraph[] =>
  block.elements.flatMap((el) => element(el, lists));
