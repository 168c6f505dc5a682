import { basename, extname } from 'node:path';
import type { FileInfo, Layout, LoadContext } from '../layout.ts';
import { columnName, findColumn, FirstSeen, parseDecimal, take } from './referenceFields.ts';
import { ReplacingWriter } from './replacingWriter.ts';

/**
 * Unit costs of crime: `offence, cost_type, unit_cost_gbp_YYYY_YY_prices,
 * exactness, source_note`. Each file is one edition, named after the file
 * (so a corrected file of the same name replaces it, and the official table
 * can sit beside a placeholder). Figures are provisional unless the file
 * marks them as taken from the official table: a file named PARTIAL,
 * provisional or placeholder is provisional throughout.
 */

const PRICE_COLUMN = /^unit_cost_gbp_(\d{4})_(\d{2})_prices$/;
const OFFICIAL_EXACTNESS = new Set(['official', 'as published']);

function priceColumn(file: FileInfo): { index: number; priceYear: string } | null {
  const index = (file.header ?? []).findIndex((h) => PRICE_COLUMN.test(h));
  if (index < 0) return null;
  const m = PRICE_COLUMN.exec(file.header![index]!)!;
  return { index, priceYear: `${m[1]}/${m[2]}` };
}

export const unitCostLayout: Layout = {
  id: 'unit-costs-of-crime',
  description: 'Unit costs of crime by offence and cost type (one edition per file, prices named in the header)',
  signature: ['offence', 'cost_type', 'unit_cost_gbp_2015_16_prices'],
  detect: (file) =>
    findColumn(file, ['offence']) >= 0 && findColumn(file, ['cost_type']) >= 0 && priceColumn(file) !== null,
  plan: (file) => ({
    series: `reference/unit-costs/${editionOf(file)}`,
    owningAgency: 'home-office',
    notes: isProvisionalFile(file)
      ? 'provisional: not the official table (secondary source); replace before real use'
      : 'unit costs of crime',
  }),
  load: loadUnitCosts,
};

function editionOf(file: FileInfo): string {
  return basename(file.label, extname(file.label));
}

function isProvisionalFile(file: FileInfo): boolean {
  return /partial|provisional|placeholder/i.test(file.label);
}

async function loadUnitCosts(ctx: LoadContext): Promise<void> {
  const file = ctx.file;
  const price = priceColumn(file)!;
  const col = {
    offence: findColumn(file, ['offence']),
    costType: findColumn(file, ['cost_type']),
    exactness: findColumn(file, ['exactness']),
    note: findColumn(file, ['source_note']),
  };
  const edition = editionOf(file);
  const provisionalFile = isProvisionalFile(file);
  const writer = new ReplacingWriter(
    ctx,
    'unit_cost',
    ['edition', 'price_year', 'offence', 'cost_type', 'value', 'exactness', 'provisional', 'source_note'],
    1,
  );
  const seen = new FirstSeen();
  // Read by the splitter every CSV import uses: a quote inside an unquoted cell is kept as text, so the
  // published table's notes that quote prices without quoting the cell (`rounded ("£3.2m")`) read as written.
  for await (const { line, cells } of ctx.dataRecords()) {
    ctx.stats.rowsRead += 1;
    const offence = (cells[col.offence] ?? '').trim();
    const costType = (cells[col.costType] ?? '').trim();
    const exactness = col.exactness >= 0 ? (cells[col.exactness] ?? '').trim() : '';
    const note = col.note >= 0 ? (cells[col.note] ?? '').trim() : '';
    if (offence === '')
      ctx.problems.add({ line, column: columnName(file, col.offence), value: '', message: 'the offence is blank' });
    if (costType === '')
      ctx.problems.add({ line, column: columnName(file, col.costType), value: '', message: 'the cost type is blank' });
    const value = take(ctx, line, parseDecimal(columnName(file, price.index), cells[price.index] ?? '', { min: 0 }));
    if (offence === '' || costType === '' || value === undefined || value === null) continue;
    const first = seen.check(`${offence.toLowerCase()}|${costType.toLowerCase()}`, line);
    if (first !== undefined) {
      ctx.problems.add({
        line,
        column: null,
        value: `${offence} / ${costType}`,
        message: `duplicate row: the same offence and cost type as line ${first}`,
      });
      continue;
    }
    const provisional = provisionalFile || !OFFICIAL_EXACTNESS.has(exactness.toLowerCase());
    await writer.add([edition, price.priceYear, offence, costType, value, exactness, provisional, note]);
  }
  await writer.finish();
}
