import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  // One buffer read into again and again: a stream allocates a new 1 MB buffer per read, and a 1 GB file's
  // thousand of them were freed only as the garbage collector got round to them, alongside an import.
  const buffer = Buffer.allocUnsafe(1 << 20);
  const file = await open(path, 'r');
  try {
    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
    }
  } finally {
    await file.close();
  }
  return hash.digest('hex');
}

/** 32-bit FNV-1a of a string. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * An order-independent fingerprint of a multiset of rows: the same rows in any
 * order give the same value, so a re-extract whose slice is unchanged is seen
 * as unchanged even when the publisher re-sorted the file.
 */
export class MultisetFingerprint {
  private sum = 0;
  private xor = 0;
  private sumSq = 0;
  count = 0;

  add(row: string): void {
    const h = fnv1a(row);
    this.sum = (this.sum + h) >>> 0;
    this.xor = (this.xor ^ h) >>> 0;
    this.sumSq = (this.sumSq + Math.imul(h, h | 1)) >>> 0;
    this.count += 1;
  }

  digest(): string {
    const hex = (n: number) => n.toString(16).padStart(8, '0');
    return `${hex(this.sum)}${hex(this.xor)}${hex(this.sumSq)}-${this.count}`;
  }
}
