import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { ImportRejectedError } from './problems.ts';

export type TextEncoding = 'utf-8' | 'windows-1252';

export interface TextSourceOptions {
  encoding?: TextEncoding;
  /** Called with the number of bytes of the file on disk read so far. */
  onBytes?: (bytesRead: number) => void;
}

/** True when the file starts with the gzip magic number, whatever its name. */
export async function isGzipFile(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/**
 * Streams a file's bytes, gunzipped by content. A damaged or truncated gzip
 * stream is refused naming the line after the last one read whole.
 */
export async function* readBytes(
  path: string,
  label: string,
  options: Pick<TextSourceOptions, 'onBytes'> = {},
): AsyncGenerator<Buffer> {
  const gz = await isGzipFile(path);
  const raw = createReadStream(path, { highWaterMark: 1 << 18 });
  let bytesRead = 0;
  raw.on('data', (chunk) => {
    bytesRead += chunk.length;
    options.onBytes?.(bytesRead);
  });
  const stream = gz ? raw.pipe(createGunzip()) : raw;
  if (gz) raw.on('error', (e) => stream.destroy(e));
  let linesBefore = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      yield chunk;
      if (gz) linesBefore += countNewlines(chunk);
    }
  } catch (error) {
    if (error instanceof ImportRejectedError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'Z_BUF_ERROR' || code === 'Z_DATA_ERROR' || /unexpected end of file/i.test(String(error))) {
      throw ImportRejectedError.single(label, {
        line: linesBefore + 1,
        message: `the gzip stream is damaged or truncated (${(error as Error).message}); after line ${linesBefore} nothing could be read`,
      });
    }
    throw error;
  } finally {
    raw.destroy();
  }
}

/**
 * Streams a file as decoded text: gunzips by content, strips a UTF-8 BOM, and
 * refuses bytes that are not UTF-8 (naming the line) unless the caller chose
 * Windows-1252, so mojibake never reaches the database.
 */
export async function* readText(path: string, label: string, options: TextSourceOptions = {}): AsyncGenerator<string> {
  const encoding = options.encoding ?? 'utf-8';
  const decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8', ignoreBOM: false });
  let linesBefore = 0;
  for await (const chunk of readBytes(path, label, options)) {
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      throw notUtf8(label, chunk, linesBefore + 1);
    }
    linesBefore += countNewlines(chunk);
    if (text.length > 0) yield text;
  }
  const tail = decoder.decode();
  if (tail.length > 0) yield tail;
}

/** Line feeds in `bytes` (the same count as in the text they decode to: UTF-8 never uses 0x0a inside a character). */
export function countNewlines(bytes: Uint8Array, from = 0, to = bytes.length): number {
  let n = 0;
  for (let i = bytes.indexOf(0x0a, from); i !== -1 && i < to; i = bytes.indexOf(0x0a, i + 1)) n += 1;
  return n;
}

/** The refusal of bytes that are not UTF-8; `firstLine` is the line `chunk` starts on. */
export function notUtf8(label: string, chunk: Buffer, firstLine: number): ImportRejectedError {
  const at = firstInvalidUtf8(chunk);
  let line = firstLine;
  for (let i = 0; i < at; i += 1) if (chunk[i] === 0x0a) line += 1;
  const byte = chunk[at] ?? 0;
  const hint =
    byte >= 0x80 && byte <= 0x9f ? ' It looks like Windows-1252 text (e.g. curly quotes or £ from Excel).' : '';
  return ImportRejectedError.single(label, {
    line,
    value: `0x${byte.toString(16).padStart(2, '0')}`,
    message: `the file is not valid UTF-8.${hint} Re-save it as UTF-8, or import it with --encoding windows-1252`,
  });
}

/** Index of the first byte that does not start or continue a valid UTF-8 sequence. */
export function firstInvalidUtf8(buf: Buffer): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i]!;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 0) return i;
    if (i + len > buf.length) return i; // a sequence cut by the chunk edge is reported where it starts
    for (let k = 1; k < len; k += 1) if ((buf[i + k]! & 0xc0) !== 0x80) return i;
    i += len;
  }
  return Math.max(0, buf.length - 1);
}
