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
 * Memory matters (a 1 GB file holds ~4 million IDs), so each ID is kept as two
 * 32-bit hashes and a 16-bit incident number (month and force, numbered as
 * first seen) in an open-addressing table of typed arrays: 10 bytes a slot,
 * sized to the file, 72 MB for 1 GB (was 16 bytes a slot with the first line,
 * 128 MB). A false match needs a 64-bit collision.
 */
export class CrimeIdRegister {
  private hashes: Uint32Array;
  /** Per slot: the incident number (0 = empty slot); widened to 32 bits past 65,535 incidents. */
  private incidents: Uint16Array | Uint32Array;
  private slots: number;
  private used = 0;
  private readonly incidentNumbers = new Map<string, number>();
  private readonly incidentTexts: string[] = [''];

  constructor(expectedIds = 1 << 14) {
    this.slots = slotsFor(expectedIds);
    this.hashes = new Uint32Array(this.slots * 2);
    this.incidents = new Uint16Array(this.slots);
  }

  /** The number of an incident ("month|force"), for checkBytes: the same text always gets the same number. */
  incident(text: string): number {
    let n = this.incidentNumbers.get(text);
    if (n === undefined) {
      n = this.incidentTexts.push(text) - 1;
      this.incidentNumbers.set(text, n);
      if (n > 0xffff && this.incidents instanceof Uint16Array) this.incidents = Uint32Array.from(this.incidents);
    }
    return n;
  }

  /**
   * Records an ID seen for `incident` ("month|force"). Returns the other incident's text when the same ID
   * was already seen for a different incident, or null.
   */
  check(crimeId: string, incident: string): string | null {
    let a = 0x811c9dc5;
    let b = 5381;
    for (let i = 0; i < crimeId.length; i += 1) {
      const c = crimeId.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = (Math.imul(b, 33) + c) | 0;
    }
    return this.record(a >>> 0, mixSecond(b), this.incident(incident));
  }

  /** check() for an ID given as ASCII bytes `src[start, end)` and an incident number from incident(). */
  checkBytes(src: Uint8Array, start: number, end: number, incident: number): string | null {
    let a = 0x811c9dc5;
    let b = 5381;
    for (let i = start; i < end; i += 1) {
      const c = src[i]!;
      a = Math.imul(a ^ c, 0x01000193);
      b = (Math.imul(b, 33) + c) | 0;
    }
    return this.record(a >>> 0, mixSecond(b), incident);
  }

  private record(a: number, b: number, incident: number): string | null {
    if ((this.used + 1) * 4 > this.slots * 3) this.grow();
    const found = this.insert(a, b, incident);
    if (found === -1) {
      this.used += 1;
      return null;
    }
    return found === incident ? null : this.incidentTexts[found]!;
  }

  /** Inserts unless present: -1 when inserted, else the incident already recorded for this ID. */
  private insert(a: number, b: number, incident: number): number {
    const { hashes, incidents, slots } = this;
    // Any table size, not only powers of two: the table is sized to the file.
    let slot = ((a ^ (b >>> 7)) >>> 0) % slots;
    for (;;) {
      const held = incidents[slot]!;
      if (held === 0) {
        hashes[slot * 2] = a;
        hashes[slot * 2 + 1] = b;
        incidents[slot] = incident;
        return -1;
      }
      if (hashes[slot * 2] === a && hashes[slot * 2 + 1] === b) return held;
      slot = slot + 1 === slots ? 0 : slot + 1;
    }
  }

  private grow(): void {
    const { hashes, incidents, slots } = this;
    this.slots = Math.ceil(slots * 1.5);
    this.hashes = new Uint32Array(this.slots * 2);
    this.incidents = incidents instanceof Uint16Array ? new Uint16Array(this.slots) : new Uint32Array(this.slots);
    for (let i = 0; i < slots; i += 1) {
      if (incidents[i] !== 0) this.insert(hashes[i * 2]!, hashes[i * 2 + 1]!, incidents[i]!);
    }
  }
}

/** Slots for `ids` IDs at a load under 3/4, where linear probing stays short. */
function slotsFor(ids: number): number {
  return Math.max(1024, Math.ceil((ids * 4) / 3) + 1);
}

function mixSecond(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}
