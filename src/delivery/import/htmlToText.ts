/*
 * Word-to-web exports put HTML fragments in table cells (<p>, <ul>, <li>, <u>) and people type bullets as "•".
 * Plans are stored as plain text: paragraphs separated by a blank line, list items as "• " lines. Only markup
 * goes; every word stays (htmlToText.test.ts checks that the letters in equal the letters out).
 */

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  rsquo: '’',
  lsquo: '‘',
  rdquo: '”',
  ldquo: '“',
  bull: '•',
  hellip: '…',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

// Private-use markers for block boundaries while tags are stripped; they cannot occur in a document's text.
const BREAK = '\uE000';
const ITEM = '\uE001';

/** A cell's text (with or without HTML) as plain paragraphs and "• " list lines. */
export function htmlToText(cell: string): string {
  const marked = cell
    .replace(/<li\b[^>]*>/gi, ITEM)
    .replace(/<\/?(p|div|ul|ol|h[1-6]|table|tr|blockquote)\b[^>]*>|<\/li\s*>|<br\s*\/?>/gi, BREAK)
    // Inline markup (<u>, <strong>, <span>, <a>…) carries no words of its own.
    .replace(/<\/?[a-z][^>]*>/gi, '')
    .replace(/•/g, ITEM);
  const blocks: { text: string; listItem: boolean }[] = [];
  for (const part of decodeEntities(marked).split(BREAK)) {
    const [lead = '', ...items] = part.split(ITEM);
    const push = (text: string, listItem: boolean) => {
      const clean = text.replace(/\s+/g, ' ').trim();
      if (clean !== '') blocks.push({ text: clean, listItem });
    };
    push(lead, false);
    for (const item of items) push(item, true);
  }
  return blocks
    .map((b, i) => {
      const text = b.listItem ? `• ${b.text}` : b.text;
      if (i === 0) return text;
      const previous = blocks[i - 1];
      return `${b.listItem && previous?.listItem ? '\n' : '\n\n'}${text}`;
    })
    .join('');
}
