import { fnv1a } from '../fingerprint.ts';

/**
 * Finds non-blank Crime IDs used twice in one file for *different* crimes.
 *
 * data.police.uk itself lists some crimes more than once in the same month
 * (290 Crime IDs in the Tower Hamlets burglary file, 84 of the 171 City of
 * London monthly files), with the same month and force and at most a
 * different outcome or LSOA; the API even gives one persistent_id to a
 * "public-order" and a "violent-crime" record of the same incident. Those
 * rows are the publisher's and are kept (the published counts include them).
 * The same ID in another month or from another force cannot be one incident:
 * that is two files run together or an ID column filled wrongly, and is refused.
 *
 * Memory matters (a 1 GB file holds ~5 million IDs), so IDs are kept as two
 * 32-bit hashes in an open-addressing table of typed arrays, 16 bytes a slot,
 * not as strings. A false match needs a 64-bit collision.
 */
export class CrimeIdRegister {
  /** Per slot: hash A, hash B, first line (0 = empty), hash of the incident's month|force. */
  private table: Uint32Array;
  private used = 0;

  constructor(expectedIds = 1 << 14) {
    this.table = new Uint32Array(slotsFor(expectedIds) * 4);
  }

  /**
   * Records an ID seen on `line`. Returns the first line that used the same ID
   * for a different incident (a different `incident` signature, e.g. month|force), or 0.
   */
  check(crimeId: string, incident: string, line: number): number {
    return this.record(fnv1a(crimeId), secondHash(crimeId), fnv1a(incident), line);
  }

  /** check() for an ID given as ASCII bytes `src[start, end)`, its incident already hashed (fnv1a). */
  checkBytes(src: Uint8Array, start: number, end: number, incidentHash: number, line: number): number {
    let a = 0x811c9dc5;
    let b = 5381;
    for (let i = start; i < end; i += 1) {
      const c = src[i]!;
      a = Math.imul(a ^ c, 0x01000193);
      b = (Math.imul(b, 33) + c) | 0;
    }
    return this.record(a >>> 0, mixSecond(b), incidentHash, line);
  }

  private record(a: number, b: number, signature: number, line: number): number {
    if ((this.used + 1) * 4 > (this.table.length / 4) * 3) this.grow();
    const found = insert(this.table, a, b, line, signature);
    if (found === -1) {
      this.used += 1;
      return 0;
    }
    return found;
  }

  private grow(): void {
    const old = this.table;
    this.table = new Uint32Array(old.length * 2);
    for (let i = 0; i < old.length; i += 4) {
      if (old[i + 2] !== 0) insert(this.table, old[i]!, old[i + 1]!, old[i + 2]!, old[i + 3]!);
    }
  }
}

/** Inserts unless present. -1 when inserted; 0 when present for the same crime; else the earlier line. */
function insert(table: Uint32Array, a: number, b: number, line: number, signature: number): number {
  const mask = table.length / 4 - 1;
  let slot = (a ^ (b >>> 7)) & mask;
  for (;;) {
    const at = slot * 4;
    if (table[at + 2] === 0) {
      table[at] = a;
      table[at + 1] = b;
      table[at + 2] = line;
      table[at + 3] = signature;
      return -1;
    }
    if (table[at] === a && table[at + 1] === b) return table[at + 3] === signature ? 0 : table[at + 2]!;
    slot = (slot + 1) & mask;
  }
}

function slotsFor(ids: number): number {
  let slots = 1024;
  // Keep the load under 3/4: linear probing stays short, and a 1 GB file (~5 million rows expected) needs
  // 8 million slots (128 MB) where a 5/8 bound needed 16 million (256 MB), half the import's memory target.
  while (slots * 3 < ids * 4) slots *= 2;
  return slots;
}

/** A second, independent 32-bit string hash (djb2 variant with a multiplier mix). */
function secondHash(text: string): number {
  let h = 5381;
  for (let i = 0; i < text.length; i += 1) h = (Math.imul(h, 33) + text.charCodeAt(i)) | 0;
  return mixSecond(h);
}

function mixSecond(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}
