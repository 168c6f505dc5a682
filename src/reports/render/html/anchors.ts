import type { BuiltReport, FigureBlock } from '../../builtReport.ts';

/** Fixed anchors of the report's own parts; section and figure anchors are made so as never to take them. */
export const CONTENTS_ID = 'contents';
export const NOTES_ID = 'data-notes';
export const ABOUT_ID = 'about-this-report';
export const noteId = (n: number): string => `note-${n}`;

/** Letters, digits and hyphens, starting with a letter (prefixed below): valid in ids, selectors and PDF names. */
const idPart = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '') || 'x';

export interface ReportAnchors {
  /** One per section, in order: the id of its heading (the contents links to it, the PDF names it). */
  sections: string[];
  figures: Map<FigureBlock, string>;
}

/**
 * Every id the report's HTML uses, made once per render. Template ids are unique within a report, but a body is
 * embedded in a page with ids of its own and block ids come from people, so each gets a prefix and, should two
 * ever collide after cleaning, a numeric suffix.
 */
export function reportAnchors(report: BuiltReport): ReportAnchors {
  const taken = new Set([CONTENTS_ID, NOTES_ID, ABOUT_ID, ...report.notes.map((n) => noteId(n.number))]);
  const claim = (base: string): string => {
    let id = base;
    for (let i = 2; taken.has(id); i++) id = `${base}-${i}`;
    taken.add(id);
    return id;
  };
  const sections = report.sections.map((s) => claim(`section-${idPart(s.id)}`));
  const figures = new Map<FigureBlock, string>();
  for (const section of report.sections)
    for (const block of section.blocks)
      if (block.kind === 'figure') figures.set(block, claim(`figure-${idPart(block.id)}`));
  return { sections, figures };
}
