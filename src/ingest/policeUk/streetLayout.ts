import { stat } from 'node:fs/promises';
import { hasColumns, type Layout, type LoadContext } from '../layout.ts';
import { cellAt, locateColumns } from './columns.ts';
import { DONE } from '../sliceWriter.ts';
import { StreetRecordWriter } from './streetRecords.ts';
import type { StreetValues } from './streetRowValidator.ts';

/** The data.police.uk street-level CSV, normalised header names. */
export const STREET_COLUMNS = {
  crimeId: 'crime id',
  month: 'month',
  reportedBy: 'reported by',
  fallsWithin: 'falls within',
  longitude: 'longitude',
  latitude: 'latitude',
  location: 'location',
  lsoaCode: 'lsoa code',
  lsoaName: 'lsoa name',
  crimeType: 'crime type',
  lastOutcome: 'last outcome category',
  context: 'context',
  lastOutcomeMonth: 'last outcome month',
} as const;

/** Columns every street file has; the outcome and context columns are read when present. */
const REQUIRED = [
  'crime id',
  'month',
  'reported by',
  'falls within',
  'longitude',
  'latitude',
  'location',
  'lsoa code',
  'lsoa name',
  'crime type',
];

/** Bytes per row of a typical street file, to size the Crime ID register before reading. */
const BYTES_PER_ROW = 200;

export const policeUkStreetLayout: Layout = {
  id: 'police-uk-street',
  description: 'data.police.uk street-level crimes CSV (Crime ID, Month, … Crime type, Last outcome category, Context)',
  signature: REQUIRED,
  detect: (file) => hasColumns(file, REQUIRED),
  plan: () => ({
    series: 'police-uk-street',
    notes:
      'police.uk files do not say when they were downloaded: the extract date is the import date unless --extract-date is given',
  }),
  load: loadStreetCsv,
};

async function loadStreetCsv(ctx: LoadContext): Promise<void> {
  const { index, name } = locateColumns(ctx.file, STREET_COLUMNS);
  const size = (await stat(ctx.file.path)).size;
  const writer = new StreetRecordWriter(ctx, name, {
    api: false,
    expectedRows: ctx.file.isGzip ? size / 40 : size / BYTES_PER_ROW,
  });
  // One values object reused for every row: the writer copies what it keeps.
  const v = emptyStreetValues();
  for await (const cursor of ctx.byteRecords()) {
    while (cursor.next()) {
      ctx.stats.rowsRead += 1;
      const written = cursor.fast ? writer.addBytes(cursor, index) : null;
      if (written === null) {
        readStreetValues(cursor.fast ? cursor.fastCells() : cursor.cells, index, v);
        await writer.add({ line: cursor.line }, v);
      } else if (written !== DONE) {
        await written;
      }
    }
  }
  if (ctx.problems.any) return;
  await writer.finish();
}

/** One values object to reuse for every row (the writer copies what it keeps). */
export function emptyStreetValues(): StreetValues {
  return {
    crimeId: '',
    month: '',
    reportedBy: '',
    fallsWithin: '',
    longitude: '',
    latitude: '',
    location: '',
    lsoaCode: '',
    lsoaName: '',
    crimeType: '',
    lastOutcome: '',
    context: '',
    api: null,
  };
}

/** Fills `v` from a street CSV row; shared with the parse-only benchmark so both do the same work. */
export function readStreetValues(
  cells: readonly string[],
  index: Readonly<Record<keyof typeof STREET_COLUMNS, number>>,
  v: StreetValues,
): void {
  v.crimeId = cellAt(cells, index.crimeId);
  v.month = cellAt(cells, index.month);
  v.reportedBy = cellAt(cells, index.reportedBy);
  v.fallsWithin = cellAt(cells, index.fallsWithin);
  v.longitude = cellAt(cells, index.longitude);
  v.latitude = cellAt(cells, index.latitude);
  v.location = cellAt(cells, index.location);
  v.lsoaCode = cellAt(cells, index.lsoaCode);
  v.lsoaName = cellAt(cells, index.lsoaName);
  v.crimeType = cellAt(cells, index.crimeType);
  v.lastOutcome = cellAt(cells, index.lastOutcome);
  v.context = cellAt(cells, index.context);
}
