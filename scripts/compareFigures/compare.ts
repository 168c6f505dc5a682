import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { Kind } from './urls.ts';

/** One answer as fetched: status, the headers that carry meaning, the body. */
export interface Answer {
  status: number;
  /** content-type, content-disposition (a download's file name), location (redirects), x-safer-disclosure. */
  headers: Record<string, string>;
  body: Buffer;
}

/** The headers compared: the rest (date, etag, set-cookie, content-length, rate-limit counters) vary per run or follow from the body. */
export const COMPARED_HEADERS = ['content-type', 'content-disposition', 'location', 'x-safer-disclosure'] as const;

/** Status and compared headers as text: the first lines of every saved answer. */
export function metaText(answer: Answer): string {
  const lines = [`HTTP ${answer.status}`];
  for (const name of COMPARED_HEADERS)
    if (answer.headers[name] !== undefined) lines.push(`${name}: ${answer.headers[name]}`);
  return `${lines.join('\n')}\n`;
}

/** Is this answer a real XLSX file (a 403 or 404 comes back as an HTML page)? */
export const isXlsx = (answer: Answer) => (answer.headers['content-type'] ?? '').includes('spreadsheetml');
export const isPng = (answer: Answer) => (answer.headers['content-type'] ?? '').startsWith('image/png');

/**
 * An XLSX as text, one line per row, so two files are compared by their cell
 * values and not by zip bytes (which carry creation times): the workbook title,
 * then per sheet its name and each row's values as JSON.
 */
export async function xlsxText(body: Buffer): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const lines = [`# title ${JSON.stringify(workbook.title ?? '')}`];
  workbook.eachSheet((sheet) => {
    lines.push(`# sheet ${JSON.stringify(sheet.name)}`);
    sheet.eachRow({ includeEmpty: true }, (row, n) => {
      const values = Array.isArray(row.values) ? row.values.slice(1) : Object.values(row.values);
      lines.push(`r${n}\t${JSON.stringify(values, (_k, v: unknown) => (v === undefined ? null : v))}`);
    });
  });
  return `${lines.join('\n')}\n`;
}

/** The text of an answer that is compared (after normalising): the body as UTF-8, an XLSX as its cell values. */
export async function comparableText(kind: Kind, answer: Answer): Promise<string | null> {
  if (kind === 'xlsx' && isXlsx(answer)) return xlsxText(answer.body);
  if (kind === 'png' && isPng(answer)) return null;
  return answer.body.toString('utf8');
}

export const sha256 = (body: Buffer) => createHash('sha256').update(body).digest('hex');

const clip = (text: string, from: number, length: number) =>
  `${from > 0 ? '…' : ''}${text.slice(from, from + length)}${from + length < text.length ? '…' : ''}`;

/** Where two texts first differ: line number and both lines cut around the first differing character. */
export function firstDifferentLine(a: string, b: string): string {
  const la = a.split('\n');
  const lb = b.split('\n');
  for (let i = 0; i < Math.max(la.length, lb.length); i++) {
    const x = la[i];
    const y = lb[i];
    if (x === y) continue;
    if (x === undefined) return `line ${i + 1}: base has no more lines; head: ${JSON.stringify(clip(y!, 0, 160))}`;
    if (y === undefined) return `line ${i + 1}: head has no more lines; base: ${JSON.stringify(clip(x, 0, 160))}`;
    let c = 0;
    while (c < x.length && c < y.length && x[c] === y[c]) c++;
    const from = Math.max(0, c - 60);
    return `line ${i + 1}, column ${c + 1}:\n      base: ${JSON.stringify(clip(x, from, 160))}\n      head: ${JSON.stringify(clip(y, from, 160))}`;
  }
  return 'no line differs (line endings?)';
}

const describe = (v: unknown) => {
  const text = JSON.stringify(v);
  return text === undefined ? 'absent' : text.length > 120 ? `${text.slice(0, 120)}…` : text;
};

/** The first JSON path at which two values differ, e.g. $.figures[3].count: 12 ≠ 13. Null when equal. */
export function firstJsonDifference(a: unknown, b: unknown, path = '$'): string | null {
  if (Object.is(a, b)) return null;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (i >= a.length || i >= b.length) return `${path}[${i}]: base ${describe(a[i])}, head ${describe(b[i])}`;
      const d = firstJsonDifference(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const ao = a as Record<string, unknown>;
    const bo = b as Record<string, unknown>;
    for (const key of new Set([...Object.keys(ao), ...Object.keys(bo)])) {
      const sub = /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
      if (!(key in ao) || !(key in bo)) return `${sub}: base ${describe(ao[key])}, head ${describe(bo[key])}`;
      const d = firstJsonDifference(ao[key], bo[key], sub);
      if (d) return d;
    }
    const ka = Object.keys(ao).join(',');
    const kb = Object.keys(bo).join(',');
    return ka === kb ? null : `${path}: same keys in another order (base ${ka.slice(0, 80)}; head ${kb.slice(0, 80)})`;
  }
  return `${path}: base ${describe(a)}, head ${describe(b)}`;
}

/** Why two normalised answers differ, or null when they are the same byte for byte. */
export function difference(kind: Kind, base: Answer, head: Answer, baseText: string | null, headText: string | null) {
  const metaA = metaText(base);
  const metaB = metaText(head);
  if (metaA !== metaB) return `status or headers: ${firstDifferentLine(metaA, metaB)}`;
  if (baseText === null || headText === null) {
    // Binary (PNG): bytes.
    return base.body.equals(head.body)
      ? null
      : `bytes differ (${base.body.length} and ${head.body.length} bytes; sha256 ${sha256(base.body).slice(0, 12)} and ${sha256(head.body).slice(0, 12)})`;
  }
  if (baseText === headText) return null;
  if (kind === 'json') {
    try {
      const path = firstJsonDifference(JSON.parse(baseText), JSON.parse(headText));
      return (
        path ?? `same values, different bytes (number formatting or spacing): ${firstDifferentLine(baseText, headText)}`
      );
    } catch {
      // Not JSON (an error page?): fall through to lines.
    }
  }
  return firstDifferentLine(baseText, headText);
}
