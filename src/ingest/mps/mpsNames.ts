import type { LoadContext } from '../layout.ts';

/**
 * How MPS files' borough names find an area: lower case, spaces collapsed,
 * '&' written 'and', and the "(Legacy Only)" suffix the MPS adds to retired
 * units dropped. Other spellings ("City of Westminster", "Heathrow", "N/K")
 * are area_alias rows (migration 0003).
 */
export function boroughNameKey(raw: string): string {
  return raw
    .trim()
    .toLowerCase()
    .replace(/\s*&\s*/g, ' and ')
    .replace(/\s*\(legacy only\)$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The area code for a borough (or pseudo-borough) name; null when the name is unknown. */
export function resolveBoroughName(codesByName: ReadonlyMap<string, string>, raw: string): string | null {
  return codesByName.get(boroughNameKey(raw)) ?? null;
}

/** The position of each named (normalised) column in the file's header; the layout's signature guarantees they exist. */
export function columnIndexes<const N extends string>(ctx: LoadContext, names: readonly N[]): Record<N, number> {
  const header = ctx.file.header ?? [];
  const out = {} as Record<N, number>;
  for (const name of names) out[name] = header.indexOf(name);
  return out;
}

/** The header cell as written, for messages. */
export function rawColumn(ctx: LoadContext, index: number): string {
  return ctx.file.rawHeader?.[index] ?? `column ${index + 1}`;
}

/**
 * Some files state their extract date in the data (the dashboard's
 * refresh_date); others are taken to be extracted the month after their last
 * month, as the wide files are. Either is known only after reading rows, so
 * the batch row is corrected here and the returned context carries the date
 * the revision slices need. A date given on import wins.
 */
export async function settleExtractDate(ctx: LoadContext, extractDate: string | null): Promise<LoadContext> {
  if (ctx.options.extractDate || extractDate === null) return ctx;
  await ctx.trx.updateTable('import_batch').set({ extract_date: extractDate }).where('id', '=', ctx.batchId).execute();
  return { ...ctx, extractDate };
}

/** The later of two 'YYYY-MM-01' months (null for none yet). */
export function laterMonth(a: string | null, b: string): string {
  return a === null || b > a ? b : a;
}
