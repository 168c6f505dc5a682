/** Where a row belongs: its slice's key, apart from the series and batch. */
export interface SliceKey {
  areaCode: string;
  /** First day of the month, 'YYYY-MM-01'. */
  month: string;
  /** What else bounds the slice, e.g. the force and crime type of police.uk rows; '' for none. */
  scope: string;
}

const AREA_SPAN = 2 ** 24;
const SCOPE_SPAN = 2 ** 16;
const MONTH_SPAN = 2 ** 13;

/**
 * The slices one file opens, in memory: each slice's key (interned), id and
 * order-independent content fingerprint, in typed arrays rather than an
 * object per slice, so a file of millions of slices stays small.
 */
export class SliceIndex {
  private readonly areas = new Map<string, number>();
  private readonly months = new Map<string, number>();
  private readonly scopes = new Map<string, number>();
  readonly names: { readonly areas: string[]; readonly months: string[]; readonly scopes: string[] } = {
    areas: [],
    months: [],
    scopes: [],
  };
  /**
   * Slice index + 1 by month, per interned area × scope. A file has a few
   * thousand area × scope pairs but possibly millions of slices: one small
   * typed array per pair costs far less memory than a Map entry per slice.
   */
  private readonly byAreaScope = new Map<number, Int32Array>();
  private ids = new Float64Array(1024);
  /** Per slice: its interned area, month and scope. */
  private keys = new Uint32Array(1024 * 3);
  /** Per slice: the fingerprint of its rows (sum, xor, sum of squares of row hashes) and the row count. */
  private fingerprints = new Uint32Array(1024 * 4);
  count = 0;

  /** Index of the slice already open for `key`, if any. */
  find(key: SliceKey): number | undefined {
    const area = this.areas.get(key.areaCode);
    const scope = this.scopes.get(key.scope);
    const month = this.months.get(key.month);
    if (area === undefined || month === undefined || scope === undefined) return undefined;
    const found = this.byAreaScope.get(area * SCOPE_SPAN + scope)?.[month];
    return found ? found - 1 : undefined;
  }

  /** Opens a slice for `key` (not open yet) with database id `id`; returns its index. */
  open(key: SliceKey, id: number): number {
    const area = intern(this.areas, this.names.areas, key.areaCode, AREA_SPAN, 'areas');
    const month = intern(this.months, this.names.months, key.month, MONTH_SPAN, 'months');
    const scope = intern(this.scopes, this.names.scopes, key.scope, SCOPE_SPAN, 'scopes');
    const index = this.count;
    if (index === this.ids.length) this.grow();
    this.ids[index] = id;
    this.keys[index * 3] = area;
    this.keys[index * 3 + 1] = month;
    this.keys[index * 3 + 2] = scope;
    this.count += 1;
    const pair = area * SCOPE_SPAN + scope;
    let byMonth = this.byAreaScope.get(pair);
    if (byMonth === undefined || byMonth.length <= month) {
      const grown = new Int32Array(Math.max(month + 1, (byMonth?.length ?? 4) * 2));
      if (byMonth) grown.set(byMonth);
      byMonth = grown;
      this.byAreaScope.set(pair, byMonth);
    }
    byMonth[month] = index + 1;
    return index;
  }

  idOf(slice: number): number {
    return this.ids[slice]!;
  }

  /** Adds a row's 32-bit content hash to its slice's fingerprint. */
  addRow(slice: number, h: number): void {
    const f = this.fingerprints;
    const at = slice * 4;
    f[at] = (f[at]! + h) >>> 0;
    f[at + 1] = (f[at + 1]! ^ h) >>> 0;
    f[at + 2] = (f[at + 2]! + Math.imul(h, h | 1)) >>> 0;
    f[at + 3] = f[at + 3]! + 1;
  }

  rowCount(slice: number): number {
    return this.fingerprints[slice * 4 + 3]!;
  }

  digest(slice: number): string {
    const f = this.fingerprints;
    const hex = (n: number) => n.toString(16).padStart(8, '0');
    const at = slice * 4;
    return `${hex(f[at]!)}${hex(f[at + 1]!)}${hex(f[at + 2]!)}-${f[at + 3]!}`;
  }

  areaOf(slice: number): string {
    return this.names.areas[this.keys[slice * 3]!]!;
  }

  monthOf(slice: number): string {
    return this.names.months[this.keys[slice * 3 + 1]!]!;
  }

  scopeOf(slice: number): string {
    return this.names.scopes[this.keys[slice * 3 + 2]!]!;
  }

  /** Slice indexes ordered by area, month and scope (as the index sorts them), from packed ranks: no string comparison per pair. */
  *inKeyOrder(): Generator<number> {
    const rank = (names: readonly string[]) => {
      const order = names.map((_, i) => i).sort((a, b) => (names[a]! < names[b]! ? -1 : names[a]! > names[b]! ? 1 : 0));
      const ranks = new Uint32Array(names.length);
      order.forEach((id, r) => (ranks[id] = r));
      return { ranks, order };
    };
    const areas = rank(this.names.areas);
    const months = rank(this.names.months);
    const scopes = rank(this.names.scopes);
    // area (24 bits) · month (13) · scope (16) = 53 bits: exact in a double, and unique per slice.
    const packed = new Float64Array(this.count);
    for (let i = 0; i < this.count; i += 1) {
      const k = i * 3;
      packed[i] =
        (areas.ranks[this.keys[k]!]! * MONTH_SPAN + months.ranks[this.keys[k + 1]!]!) * SCOPE_SPAN +
        scopes.ranks[this.keys[k + 2]!]!;
    }
    packed.sort();
    for (const key of packed) {
      const scope = scopes.order[key % SCOPE_SPAN]!;
      const rest = Math.floor(key / SCOPE_SPAN);
      const month = months.order[rest % MONTH_SPAN]!;
      const area = areas.order[Math.floor(rest / MONTH_SPAN)]!;
      yield this.byAreaScope.get(area * SCOPE_SPAN + scope)![month]! - 1;
    }
  }

  private grow(): void {
    const ids = new Float64Array(this.ids.length * 2);
    ids.set(this.ids);
    this.ids = ids;
    const fingerprints = new Uint32Array(this.fingerprints.length * 2);
    fingerprints.set(this.fingerprints);
    this.fingerprints = fingerprints;
    const keys = new Uint32Array(this.keys.length * 2);
    keys.set(this.keys);
    this.keys = keys;
  }
}

function intern(ids: Map<string, number>, names: string[], value: string, span: number, what: string): number {
  let id = ids.get(value);
  if (id === undefined) {
    id = ids.size;
    if (id >= span) throw new Error(`SliceWriter: more than ${span} distinct ${what} in one file`);
    const name = detach(value);
    ids.set(name, id);
    names.push(name);
  }
  return id;
}

/**
 * A flat copy of a string. Cells cut from a decoded chunk can share the
 * chunk's memory; a key kept for the whole import must not hold 1 MB chunks alive.
 */
function detach(value: string): string {
  return value.length < 13 ? value : Buffer.from(value, 'utf8').toString('utf8');
}
