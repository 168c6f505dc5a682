/*
 * The difference between an item's old and new wording, word by word: the longest common subsequence of the two
 * word lists is kept, everything else is shown as removed or added. Line breaks count as words of their own, so
 * paragraphs and "• " lists keep their shape. Pure.
 */

export type DiffPart = { op: 'same' | 'del' | 'ins'; text: string };

// Beyond this many word pairs the table costs more than it tells: show the whole old and the whole new wording.
const MAX_CELLS = 4_000_000;

export function diffWords(before: string, after: string): DiffPart[] {
  const a = words(before);
  const b = words(after);
  if (a.length * b.length > MAX_CELLS) return merge([...a.map(part('del')), ...b.map(part('ins'))]);
  // lcs[i][j]: the length of the longest common subsequence of a[i..] and b[j..].
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const parts: DiffPart[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      parts.push({ op: 'same', text: a[i]! });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) parts.push({ op: 'del', text: a[i++]! });
    else parts.push({ op: 'ins', text: b[j++]! });
  }
  while (i < a.length) parts.push({ op: 'del', text: a[i++]! });
  while (j < b.length) parts.push({ op: 'ins', text: b[j++]! });
  return merge(parts);
}

const part = (op: DiffPart['op']) => (text: string) => ({ op, text });

function words(s: string): string[] {
  return s
    .replace(/\r\n?/g, '\n')
    .split(/([ \t]*\n[ \t]*|[ \t]+)/)
    .filter((w, i) => i % 2 === 0 || w.includes('\n'))
    .map((w) => (w.includes('\n') ? '\n' : w))
    .filter((w) => w !== '');
}

/** Runs of the same kind joined with spaces (a line break stays a break). */
function merge(parts: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  for (const p of parts) {
    const last = out.at(-1);
    if (last && last.op === p.op) last.text = join(last.text, p.text);
    else out.push({ ...p });
  }
  return out;
}

const join = (x: string, y: string) => (x.endsWith('\n') || y === '\n' ? `${x}${y}` : `${x} ${y}`);

const ESCAPES: Record<string, string> = { '&': '&amp;', '"': '&quot;', "'": '&#39;', '<': '&lt;', '>': '&gt;' };
export const escapeHtml = (s: string) => s.replace(/[&"'<>]/g, (c) => ESCAPES[c]!);
const lines = (s: string) => escapeHtml(s).replaceAll('\n', '<br>');

/**
 * The difference as HTML: removed words in <del>, added in <ins>, each announced in words to screen readers.
 * Every character of both wordings is escaped; no styles (the section's stylesheet colours del and ins).
 */
export function wordingDiffHtml(before: string, after: string): string {
  const parts = diffWords(before, after);
  return parts
    .map((p, index) => {
      const previous = parts[index - 1]?.text ?? '\n';
      const gap = previous.endsWith('\n') || p.text.startsWith('\n') ? '' : ' ';
      if (p.op === 'same') return `${gap}${lines(p.text)}`;
      const tag = p.op;
      const said = p.op === 'del' ? 'removed' : 'added';
      return `${gap}<${tag}><span class="govuk-visually-hidden">${said}: </span>${lines(p.text)}</${tag}>`;
    })
    .join('');
}
