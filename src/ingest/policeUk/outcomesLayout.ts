import type { CopyValue } from '../../db/copy.ts';
import { parseGssCode, parseMonth, parseUkPoint } from '../fields.ts';
import { hasColumns, type Layout, type LoadContext } from '../layout.ts';
import { SliceWriter } from '../sliceWriter.ts';
import { cellAt, locateColumns } from './columns.ts';
import { memoisedField } from './memoisedField.ts';
import { refuseLegacyLsoaSlices, PoliceUkSliceAreas } from './policeUkSliceArea.ts';

const OUTCOME_COLUMNS = {
  crimeId: 'crime id',
  month: 'month',
  reportedBy: 'reported by',
  fallsWithin: 'falls within',
  longitude: 'longitude',
  latitude: 'latitude',
  location: 'location',
  lsoaCode: 'lsoa code',
  lsoaName: 'lsoa name',
  outcomeType: 'outcome type',
} as const;

const REQUIRED = Object.values(OUTCOME_COLUMNS);

/**
 * The data.police.uk outcomes CSV. A crime collects several outcomes over
 * the months (891 Crime IDs recur in the Tower Hamlets file), so a repeated
 * Crime ID is normal here and is not checked. Slices: London borough (or, outside
 * London, LSOA) × month × force, as for street records (decision 0009).
 */
export const policeUkOutcomesLayout: Layout = {
  id: 'police-uk-outcomes',
  description: 'data.police.uk outcomes CSV (Crime ID, Month, … LSOA name, Outcome type)',
  signature: REQUIRED,
  detect: (file) => hasColumns(file, REQUIRED) && !hasColumns(file, ['crime type']),
  plan: () => ({
    series: 'police-uk-outcomes',
    notes:
      'police.uk files do not say when they were downloaded: the extract date is the import date unless --extract-date is given',
  }),
  load: loadOutcomes,
};

async function loadOutcomes(ctx: LoadContext): Promise<void> {
  const { index, name } = locateColumns(ctx.file, OUTCOME_COLUMNS);
  const writer = new SliceWriter(ctx, 'police_uk_outcome', [
    'crime_id',
    'month',
    'reported_by',
    'falls_within',
    'longitude',
    'latitude',
    'location',
    'lsoa_code',
    'lsoa_name',
    'outcome_type',
  ]);
  const monthOf = memoisedField((v) => parseMonth(name.month, v));
  const lsoaOf = memoisedField((v) => parseGssCode(name.lsoaCode, v, ['E01', 'W01']));
  const sliceAreas = new PoliceUkSliceAreas();
  const months = new Set<string>();
  for await (const { line, cells } of ctx.dataRecords()) {
    ctx.stats.rowsRead += 1;
    const month = monthOf(cellAt(cells, index.month));
    if (!month.ok) ctx.problems.add({ line, ...month.problem });
    const lat = cellAt(cells, index.latitude).trim();
    const lon = cellAt(cells, index.longitude).trim();
    const point = parseUkPoint(name.latitude, lat, name.longitude, lon);
    if (!point.ok) ctx.problems.add({ line, ...point.problem });
    const lsoaText = cellAt(cells, index.lsoaCode).trim();
    const lsoa = lsoaText === '' ? null : lsoaOf(lsoaText);
    if (lsoa && !lsoa.ok) ctx.problems.add({ line, ...lsoa.problem });
    const outcomeType = cellAt(cells, index.outcomeType).trim();
    if (outcomeType === '')
      ctx.problems.add({ line, column: name.outcomeType, value: '', message: 'the outcome type is blank' });
    if (ctx.problems.any || !month.ok) continue;
    const crimeId = cellAt(cells, index.crimeId).trim();
    const force = cellAt(cells, index.fallsWithin).trim();
    const lsoaCode = lsoa?.ok ? lsoa.value : null;
    const lsoaName = cellAt(cells, index.lsoaName);
    const hasPoint = point.ok && point.value !== null;
    const row: CopyValue[] = [
      crimeId === '' ? null : crimeId,
      month.value,
      cellAt(cells, index.reportedBy).trim(),
      force,
      hasPoint ? lon : null,
      hasPoint ? lat : null,
      cellAt(cells, index.location),
      lsoaCode,
      lsoaName,
      outcomeType,
    ];
    months.add(month.value);
    const areaCode = lsoaCode === null ? '' : sliceAreas.areaOf(lsoaCode, lsoaName);
    await writer.add({ areaCode, month: month.value, scope: force }, row.join('\u001f'), row);
  }
  if (ctx.problems.any) return;
  if (await refuseLegacyLsoaSlices(ctx, sliceAreas, months, 'outcomes')) return;
  await writer.finish();
}
