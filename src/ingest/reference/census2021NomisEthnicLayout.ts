import { parseCount, parseGssCode } from '../fields.ts';
import type { Layout, LoadContext } from '../layout.ts';
import { FirstSeen, take } from './referenceFields.ts';
import { ReplacingWriter } from './replacingWriter.ts';

/**
 * Census 2021 TS021 (ethnic group, 5 broad groups) as downloaded from Nomis:
 * title and metadata lines, the header, a blank line, rows whose first cell
 * is `E01004222 : Tower Hamlets 001A`, then blank and footnote lines. Each
 * group has a count and a `%` column; only counts are kept.
 */

/** Header label (normalised) → ethnic group key, shared with the 2011 table. */
const GROUPS: Record<string, string> = {
  'total: all usual residents': 'all',
  'asian, asian british or asian welsh': 'asian',
  'black, black british, black welsh, caribbean or african': 'black',
  'mixed or multiple ethnic groups': 'mixed',
  white: 'white',
  'other ethnic group': 'other',
};

const AREA_HEADER = /^2021 super output area - lower layer$/;
const AREA_COLUMN = '2021 super output area - lower layer';
const AREA_CELL = /^\s*(\S+)\s*:\s*(.*)$/;

export const census2021NomisEthnicLayout: Layout = {
  id: 'nomis-census2021-ts021',
  description: 'Census 2021 TS021 ethnic group (5 broad groups) by LSOA, Nomis download with metadata lines',
  signature: ['ts021 - ethnic group'],
  detect: (file) => file.header?.[0] === 'ts021 - ethnic group',
  plan: () => ({
    series: 'reference/census2021-ts021',
    owningAgency: 'ons',
    notes: 'ONS Census 2021 via Nomis; OGL v3.0',
  }),
  load: loadNomisEthnic,
};

async function loadNomisEthnic(ctx: LoadContext): Promise<void> {
  const writer = new ReplacingWriter(
    ctx,
    'population',
    ['source', 'area_code', 'year', 'sex', 'age_band', 'ethnic_group', 'value'],
    2,
  );
  const seen = new FirstSeen();
  let columns: { index: number; label: string; group: string }[] | null = null;
  for await (const { line, cells } of ctx.dataRecords({ relaxColumnCount: true })) {
    const first = (cells[0] ?? '').trim();
    if (columns === null) {
      // Metadata lines until the header.
      if (AREA_HEADER.test(first.toLowerCase())) columns = headerColumns(ctx, line, cells);
      continue;
    }
    // Blank separator and footnote lines have an empty first cell.
    if (first === '') continue;
    ctx.stats.rowsRead += 1;
    const m = AREA_CELL.exec(first);
    const code = take(ctx, line, parseGssCode(AREA_COLUMN, m?.[1] ?? first));
    if (!code) continue;
    const firstLine = seen.check(code, line);
    if (firstLine !== undefined) {
      ctx.problems.add({
        line,
        column: AREA_COLUMN,
        value: first,
        message: `duplicate row: the same LSOA as line ${firstLine}`,
      });
      continue;
    }
    const counts = new Map<string, number>();
    for (const c of columns) {
      const value = take(ctx, line, parseCount(c.label, cells[c.index] ?? ''));
      if (value !== undefined) counts.set(c.group, value);
    }
    if (counts.size !== columns.length) continue;
    const total = counts.get('all')!;
    const parts = [...counts].filter(([g]) => g !== 'all').reduce((s, [, v]) => s + v, 0);
    if (parts !== total) {
      ctx.problems.add({
        line,
        column: 'Total: All usual residents',
        value: String(total),
        message: `the ethnic groups add up to ${parts}, not the total`,
      });
      continue;
    }
    for (const [group, value] of counts) await writer.add(['census2021-ts021', code, 2021, 'all', 'all', group, value]);
  }
  if (columns === null) {
    ctx.problems.add({
      line: null,
      column: null,
      value: null,
      message: 'no header line starting "2021 super output area - lower layer" was found',
    });
  }
  await writer.finish();
}

function headerColumns(
  ctx: LoadContext,
  line: number,
  cells: string[],
): { index: number; label: string; group: string }[] {
  const columns = cells.flatMap((raw, index) => {
    const group = GROUPS[raw.trim().replace(/\s+/g, ' ').toLowerCase()];
    return group ? [{ index, label: raw.trim(), group }] : [];
  });
  const found = new Set(columns.map((c) => c.group));
  for (const [label, group] of Object.entries(GROUPS)) {
    if (!found.has(group))
      ctx.problems.add({ line, column: label, value: null, message: `missing required column "${label}"` });
  }
  return columns;
}
