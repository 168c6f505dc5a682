import { ImportRejectedError } from './problems.ts';
import { readBytes } from './textSource.ts';

/** How much of the start of a file is looked at: magic numbers sit in the first bytes, NULs show within a block. */
export const HEAD_BYTES = 4096;

const NOT_TEXT = 'not a CSV/JSON text file';
const SAVE_AS_CSV = 'save it as CSV (UTF-8) and import that';
const GET_THE_DATA = 'import the CSV or JSON file the data came in';

interface Signature {
  readonly bytes: readonly number[];
  readonly what: string;
  readonly advice: string;
}

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** Files people pick by mistake (a spreadsheet, a screenshot, a report), by their magic numbers. */
const SIGNATURES: readonly Signature[] = [
  {
    bytes: [0x50, 0x4b, 0x03, 0x04],
    what: 'a ZIP archive (for example an Excel .xlsx workbook)',
    advice: `${SAVE_AS_CSV}, or unzip it and import the files inside`,
  },
  { bytes: [0x50, 0x4b, 0x05, 0x06], what: 'an empty ZIP archive', advice: GET_THE_DATA },
  {
    bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
    what: 'an older Microsoft Office file (for example an Excel .xls workbook)',
    advice: SAVE_AS_CSV,
  },
  { bytes: ascii('%PDF-'), what: 'a PDF document', advice: GET_THE_DATA },
  { bytes: [0x89, ...ascii('PNG\r\n'), 0x1a, 0x0a], what: 'a PNG image', advice: GET_THE_DATA },
  { bytes: ascii('GIF87a'), what: 'a GIF image', advice: GET_THE_DATA },
  { bytes: ascii('GIF89a'), what: 'a GIF image', advice: GET_THE_DATA },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image', advice: GET_THE_DATA },
  {
    bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c],
    what: 'a 7-Zip archive',
    advice: 'extract it and import the files inside',
  },
  { bytes: ascii('Rar!\x1a\x07'), what: 'a RAR archive', advice: 'extract it and import the files inside' },
  // Gzip here means gzip inside gzip: readBytes has already gunzipped the outer layer.
  { bytes: [0x1f, 0x8b], what: 'gzip-compressed data', advice: 'decompress it once and import the result' },
  // Excel's "Unicode Text" and some exports: text, but UTF-16, whose every other byte is NUL.
  {
    bytes: [0xff, 0xfe],
    what: 'UTF-16 text (for example Excel\'s "Unicode Text")',
    advice: 'save it as CSV (UTF-8) and import that',
  },
  { bytes: [0xfe, 0xff], what: 'UTF-16 text', advice: 'save it as CSV (UTF-8) and import that' },
];

const startsWith = (head: Uint8Array, bytes: readonly number[]) =>
  head.length >= bytes.length && bytes.every((b, i) => head[i] === b);

/**
 * What the first bytes of a file (after gunzipping) say it is when it is not
 * text: a known magic number, a tar header, or a NUL byte, which no CSV or
 * JSON file has. Null for anything that may be text, in any encoding, so
 * Windows-1252 text still reaches the UTF-8 check and its own advice.
 */
export function binaryKind(head: Uint8Array): { what: string; advice: string } | null {
  const signature = SIGNATURES.find((s) => startsWith(head, s.bytes));
  if (signature) return { what: signature.what, advice: signature.advice };
  // A tar header names its format at byte 257 (a .tar.gz gunzips to this).
  if (head.length >= 262 && Buffer.from(head.subarray(257, 262)).toString('latin1') === 'ustar') {
    return { what: 'a tar archive', advice: 'extract it and import the files inside' };
  }
  if (head.subarray(0, HEAD_BYTES).includes(0))
    return { what: 'binary data (it contains NUL bytes)', advice: GET_THE_DATA };
  return null;
}

/**
 * Refuses a file that is not text before anything is read as text (a PNG or
 * an .xlsx would otherwise be reported as Windows-1252), naming what it looks
 * like. Gzip is looked inside: a gzip-compressed CSV imports whatever its name.
 */
export async function refuseBinaryFile(path: string, label: string, isGzip: boolean): Promise<void> {
  let head = Buffer.alloc(0);
  for await (const chunk of readBytes(path, label)) {
    head = Buffer.concat([head, chunk]);
    if (head.length >= HEAD_BYTES) break;
  }
  const kind = binaryKind(head.subarray(0, HEAD_BYTES));
  if (!kind) return;
  const subject = isGzip ? 'the file is gzip-compressed, and what it holds looks like' : 'the file looks like';
  throw ImportRejectedError.single(label, { message: `${subject} ${kind.what}, ${NOT_TEXT}; ${kind.advice}` });
}
