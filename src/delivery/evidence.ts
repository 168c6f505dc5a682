import { createHash } from 'node:crypto';

/*
 * Evidence on an update: links (http and https only) and small files of the kinds partners send (PDF, Word,
 * Excel, PNG, JPEG, CSV). A file is accepted only when its name's extension and its first bytes agree, so a
 * renamed executable or an HTML page called "report.pdf" is refused. Pure: bytes in, checked evidence out.
 */

/** Files are kept in the database: a few megabytes is a report or a photo, not a data set. */
export const MAX_EVIDENCE_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_EVIDENCE_LINKS = 10;

/** Evidence refused, naming the form field ('links' or 'file') it came from. Nothing was written. */
export class EvidenceError extends Error {
  constructor(
    readonly field: 'links' | 'file',
    message: string,
  ) {
    super(message);
    this.name = 'EvidenceError';
  }
}

export interface EvidenceFile {
  fileName: string;
  mediaType: string;
  content: Buffer;
  sha256: string;
}

const startsWith = (bytes: Buffer, magic: number[]) => magic.every((b, i) => bytes[i] === b);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
// A zip's local file headers hold entry names uncompressed: an Office file names its main folder.
const zipHolds = (bytes: Buffer, folder: string) => startsWith(bytes, ZIP) && bytes.includes(Buffer.from(folder));

const KINDS: Record<string, { mediaType: string; looksRight: (b: Buffer) => boolean; what: string }> = {
  pdf: { mediaType: 'application/pdf', looksRight: (b) => startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d]), what: 'PDF' },
  png: {
    mediaType: 'image/png',
    looksRight: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    what: 'PNG image',
  },
  jpg: { mediaType: 'image/jpeg', looksRight: (b) => startsWith(b, [0xff, 0xd8, 0xff]), what: 'JPEG image' },
  jpeg: { mediaType: 'image/jpeg', looksRight: (b) => startsWith(b, [0xff, 0xd8, 0xff]), what: 'JPEG image' },
  docx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    looksRight: (b) => zipHolds(b, 'word/'),
    what: 'Word document',
  },
  xlsx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    looksRight: (b) => zipHolds(b, 'xl/'),
    what: 'Excel workbook',
  },
  csv: { mediaType: 'text/csv', looksRight: isPlainText, what: 'CSV file' },
};

/** Text a spreadsheet would open: valid UTF-8 with no NUL bytes (so no binary file renamed .csv). */
function isPlainText(bytes: Buffer): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The name kept and sent back: letters, digits, dot, dash, underscore and space, nothing that reaches a header. */
export const safeFileName = (name: string) =>
  (name.split(/[\\/]/).pop() ?? '').replace(/[^A-Za-z0-9._ -]+/g, '_').slice(-120) || 'evidence';

export function checkEvidenceFile(fileName: string, content: Buffer): EvidenceFile {
  const name = safeFileName(fileName);
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
  const kind = KINDS[ext];
  if (!kind) throw new EvidenceError('file', `${name} is not a PDF, DOCX, XLSX, PNG, JPEG or CSV file`);
  if (content.length === 0) throw new EvidenceError('file', `${name} is empty`);
  if (content.length > MAX_EVIDENCE_FILE_BYTES)
    throw new EvidenceError('file', `${name} is larger than ${MAX_EVIDENCE_FILE_BYTES / 1024 / 1024} MB`);
  if (!kind.looksRight(content))
    throw new EvidenceError('file', `${name} is called .${ext} but its contents are not a ${kind.what}`);
  return {
    fileName: name,
    mediaType: kind.mediaType,
    content,
    sha256: createHash('sha256').update(content).digest('hex'),
  };
}

/** One link a line; blank lines ignored. Each must be an absolute http or https address. */
export function checkEvidenceLinks(text: string): string[] {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  if (lines.length > MAX_EVIDENCE_LINKS)
    throw new EvidenceError('links', `Give at most ${MAX_EVIDENCE_LINKS} links with one update`);
  return lines.map((line) => {
    let url: URL;
    try {
      url = new URL(line);
    } catch {
      throw new EvidenceError('links', `"${line.slice(0, 80)}" is not a web address: start it with https://`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      throw new EvidenceError('links', `"${line.slice(0, 80)}" is not a web address: only http and https links`);
    if (line.length > 2000) throw new EvidenceError('links', 'A link is longer than 2,000 characters');
    return url.href;
  });
}
