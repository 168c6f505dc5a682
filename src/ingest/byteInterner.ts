const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * Values kept for short ASCII byte strings, such as a column's few hundred
 * distinct months or crime types, found by an FNV-1a hash of the bytes and
 * confirmed byte for byte: a row read as bytes costs no string to look up.
 * Bounded, so a column of unique values cannot grow it without limit.
 */
export class ByteInterner<T> {
  private readonly byHash = new Map<number, Entry<T>>();
  /** The entry found last: neighbouring rows mostly repeat a value, and comparing bytes costs less than hashing them. */
  private last: Entry<T> | undefined;

  constructor(private readonly limit = 100_000) {}

  get(src: Uint8Array, start: number, end: number): T | undefined {
    const last = this.last;
    if (last !== undefined && sameBytes(last.bytes, src, start, end)) return last.value;
    const hit = this.byHash.get(hashOf(src, start, end));
    if (hit === undefined || !sameBytes(hit.bytes, src, start, end)) return undefined;
    this.last = hit;
    return hit.value;
  }

  /** Keeps `value` for these bytes (replacing another value of the same hash). */
  set(src: Uint8Array, start: number, end: number, value: T): void {
    if (this.byHash.size >= this.limit) this.byHash.clear();
    this.last = { bytes: src.slice(start, end), value };
    this.byHash.set(hashOf(src, start, end), this.last);
  }
}

interface Entry<T> {
  bytes: Uint8Array;
  value: T;
}

/** True when `src[start, end)` holds exactly `bytes`. */
export function sameBytes(bytes: Uint8Array, src: Uint8Array, start: number, end: number): boolean {
  if (bytes.length !== end - start) return false;
  for (let i = 0; i < bytes.length; i += 1) if (bytes[i] !== src[start + i]) return false;
  return true;
}

function hashOf(src: Uint8Array, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i += 1) h = Math.imul(h ^ src[i]!, FNV_PRIME);
  return h;
}
