import type { Inline, NarrativeElement } from '../builtReport.ts';

/*
 * The Markdown narrative authors write, read into the report's closed set of elements: paragraphs, ### and ####
 * headings (sections own the levels above), lists, **strong**, *emphasis* and [links](https://…). Nothing else
 * exists in the output, so nothing an author types can become markup: HTML and script are refused, with the block
 * named, rather than silently dropped, so the author knows their words did not survive.
 */

export class NarrativeError extends Error {
  constructor(
    readonly block: string,
    detail: string,
  ) {
    super(`block "${block}": ${detail}`);
    this.name = 'NarrativeError';
  }
}

const HTML_TAG = /<\s*\/?\s*[a-zA-Z!?][^>]*>?/;
const SAFE_HREF = /^(https?:\/\/|mailto:)[^\s]+$/i;

/** Reads Markdown into elements; `substitute` fills placeholder sentinels inside text (see renderNarrative.ts). */
export function parseMarkdown(
  block: string,
  markdown: string,
  substitute: (text: string) => string = (t) => t,
): NarrativeElement[] {
  const tag = HTML_TAG.exec(markdown);
  if (tag)
    throw new NarrativeError(
      block,
      `HTML is not allowed in narrative ("${tag[0].slice(0, 30)}"): write Markdown (**bold**, *italic*, [link](https://…))`,
    );
  const elements: NarrativeElement[] = [];
  for (const chunk of markdown.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    const lines = chunk.split('\n').filter((l) => l.trim() !== '');
    if (lines.length === 0) continue;
    const heading = /^(#{1,6})\s+(.*)$/.exec(lines[0]!);
    if (heading && lines.length === 1) {
      elements.push({
        kind: 'heading',
        level: heading[1]!.length >= 4 ? 4 : 3,
        content: inline(block, heading[2]!, substitute),
      });
      continue;
    }
    const bullet = /^\s*[-*]\s+/;
    const numbered = /^\s*\d+[.)]\s+/;
    if (lines.every((l) => bullet.test(l)) || lines.every((l) => numbered.test(l))) {
      const ordered = numbered.test(lines[0]!);
      elements.push({
        kind: 'list',
        ordered,
        items: lines.map((l) => inline(block, l.replace(ordered ? numbered : bullet, ''), substitute)),
      });
      continue;
    }
    elements.push({ kind: 'paragraph', content: inline(block, lines.map((l) => l.trim()).join(' '), substitute) });
  }
  return elements;
}

const INLINE = /\*\*(.+?)\*\*|\*(.+?)\*|_(.+?)_|\[([^\]]+)\]\(([^)\s]*)\)/g;

function inline(block: string, text: string, substitute: (text: string) => string): Inline[] {
  const out: Inline[] = [];
  let at = 0;
  const push = (node: Inline) => {
    const last = out[out.length - 1];
    if (node.kind === 'text' && last?.kind === 'text') last.text += node.text;
    else if (node.kind !== 'text' || node.text !== '') out.push(node);
  };
  for (const m of text.matchAll(INLINE)) {
    push({ kind: 'text', text: substitute(text.slice(at, m.index)) });
    if (m[1] !== undefined) push({ kind: 'strong', text: substitute(m[1]) });
    else if (m[2] !== undefined || m[3] !== undefined) push({ kind: 'em', text: substitute((m[2] ?? m[3])!) });
    else {
      const href = m[5]!;
      if (!SAFE_HREF.test(href))
        throw new NarrativeError(
          block,
          `the link "${m[4]}" goes to "${href.slice(0, 40)}": links must start with https://, http:// or mailto:`,
        );
      push({ kind: 'link', text: substitute(m[4]!), href });
    }
    at = m.index + m[0].length;
  }
  push({ kind: 'text', text: substitute(text.slice(at)) });
  return out;
}
