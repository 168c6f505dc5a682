/**
 * Makes test-data/ from the published open data and checks every file the default test suite reads
 * against the file it came from.
 *
 *   npm run cut-test-data              # rewrites test-data/ (files, MANIFEST.json, README.md), then checks it
 *   npm run cut-test-data -- --check   # writes nothing: remakes every file in memory, compares, checks
 *
 * The published files are read from SAFER_SHARED_DATA or ../shared/data beside the checkout (its
 * MANIFEST.md says what each is). A carried file is the published file whole (its bytes, or their gzip),
 * or a cut of it: the published rows, features or records a selection keeps, byte for byte and in their
 * order, with the publisher's header, metadata lines and line endings. Files the demo already carries
 * with the same content (demo-data/, built by scripts/build-demo-data.sh) are checked, not copied.
 *
 * Every file is checked by reading it back from disk another way than it was written: a whole file
 * decompresses to the published bytes; a CSV cut, parsed as a whole with csv-parse, equals the published
 * file's parsed records filtered by the selection, and each of its lines is a line of the source in the
 * same order; a GeoJSON cut, parsed as JSON, equals the source with its features filtered; a shapefile
 * cut, read with the shapefile package, gives the source's features for the selection, and its .shx
 * points at its records. Output is deterministic (gzip level 9 without name or time), so running this
 * again gives the same bytes.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import * as shapefile from 'shapefile';

const root = resolve(import.meta.dirname, '..');
const sharedDir = resolve(process.env.SAFER_SHARED_DATA || resolve(root, '../shared/data'));
const outDir = join(root, 'test-data');
const checkOnly = process.argv.includes('--check');

type Cells = string[];
type How =
  /** The published bytes, or their gzip when the carried path ends in .gz and the source's does not. */
  | { kind: 'whole' }
  /** Data lines the selection keeps; every other line (header, metadata, footnotes) is kept as published. */
  | {
      kind: 'csv-rows';
      selection: string;
      keep: (cells: Cells, header: Cells) => boolean;
      isData?: (cells: Cells, index: number) => boolean;
    }
  /** Features (one per line in the publisher's GeoJSON) whose properties the selection keeps. */
  | { kind: 'geojson-features'; selection: string; keep: (properties: Record<string, unknown>) => boolean }
  /** Records of a .shp and its .dbf whose attributes the selection keeps; the .shx is rebuilt for them. */
  | { kind: 'shapefile-records'; selection: string; keep: (attributes: Record<string, string>) => boolean };

interface Carried {
  /** Path under test-data/: shared/data's layout, `.cut-NAME` before the extension of a cut, `.gz` added when compressed. */
  path: string;
  /** The published file, under shared/data. */
  source: string;
  how: How;
  /** Where demo-data/ already carries the same content: checked, never written by this script. */
  demoData?: string;
  /** The tests that read it. */
  usedBy: string;
}

const whole: How = { kind: 'whole' };
const E09 = (code: string | undefined) => code?.startsWith('E09') ?? false;
const column = (header: Cells, name: string) => {
  const i = header.indexOf(name);
  if (i < 0) throw new Error(`no column "${name}" in ${header.join(',')}`);
  return i;
};

/** London's LSOAs 2021: LSOA21CD of every row of the ONS best-fit lookup whose LAD25CD is a London borough (E09). */
function londonLsoas2021(): Set<string> {
  const rows = parse(readFileSync(join(sharedDir, WARD_LOOKUP)), { bom: true, columns: true }) as Record<
    string,
    string
  >[];
  return new Set(rows.filter((r) => E09(r.LAD25CD)).map((r) => r.LSOA21CD!));
}
const LSOA_LOOKUP =
  'lookups/LSOA_(2011)_to_LSOA_(2021)_to_Local_Authority_District_(2022)_Lookup_for_England_and_Wales.csv';
const WARD_LOOKUP = 'lookups/LSOA_(2021)_to_Electoral_Ward_(2025)_to_LAD_(2025)_Best_Fit_Lookup_in_EW_v2.csv';
let london: Set<string> | undefined;
const inLondon = (code: string | undefined) => (london ??= londonLsoas2021()).has(code ?? '');

/** Census 2021 bulk tables by LSOA (ONS layout): London's rows by geography code. */
const censusLondon = (table: string, usedBy: string): Carried => ({
  path: `population/census2021-${table}-lsoa.cut-london.csv.gz`,
  source: `population/census2021-${table}-lsoa.csv`,
  how: {
    kind: 'csv-rows',
    selection:
      'rows whose "geography code" is a London LSOA 2021 (LAD25CD E09… in the ONS LSOA 2021 → ward 2025 lookup)',
    keep: (c, h) => inLondon(c[column(h, 'geography code')]),
  },
  usedBy,
});

/** Two stretches of City of London months: the first six (LSOA 2011 codes, "Violent crime") and the last six. */
const CITY_MONTHS = [
  '2010-12',
  '2011-01',
  '2011-02',
  '2011-03',
  '2011-04',
  '2011-05',
  '2024-09',
  '2024-10',
  '2024-11',
  '2024-12',
  '2025-01',
  '2025-02',
];

const DEMO_REUSED: [string, string, string][] = [
  // [shared/data path, demo-data path, used by]
  [
    'mps/borough/MPS Borough Level Crime (Historical).csv',
    'mps/MPS Borough Level Crime (Historical).csv',
    'mpsWideLayouts, mpsWardExtracts, undoBatch',
  ],
  [
    'mps/borough/MPS Borough Level Crime (most recent 24 months).csv',
    'mps/MPS Borough Level Crime (most recent 24 months).csv',
    'mpsWardExtracts, definitions, upload',
  ],
  [
    'mps/borough/recorded-crime-borough-historical.csv',
    'mps/recorded-crime-borough-historical.csv',
    'mpsWideLayouts, mpsWardExtracts, undoBatch, realData.mps',
  ],
  [
    'mps/borough/recorded-crime-borough.csv',
    'mps/recorded-crime-borough.csv',
    'import, analyse, routes, upload, signInUpload (e2e), definitions, realData.mps, mpsWardExtracts',
  ],
  [
    'mps/ward/recorded-crime-ward.csv',
    'mps/recorded-crime-ward.csv',
    'mpsWardExtracts, mpsWardLsoaExtracts, synthesiseExtracts',
  ],
  [
    'mps/ward/recorded-crime-ward-historical.csv.gz',
    'mps/recorded-crime-ward-historical.csv.gz',
    'mpsWardExtracts, mpsWardLsoaExtracts',
  ],
  [
    'mps/knife-crime-dashboard/monthly-crime-dashboard.csv.gz',
    'mps/monthly-crime-dashboard.csv.gz',
    'knifeCrimeDashboardLayout, definitions, realData.mps',
  ],
  ['mps/vawg/vawg-offences.csv.gz', 'mps/vawg-offences.csv.gz', 'vawgLayouts, realData.population'],
  ['mps/vawg/vawg-victims.csv.gz', 'mps/vawg-victims.csv.gz', 'vawgLayouts'],
  ['mps/homicide/homicide.csv', 'mps/homicide.csv', 'mpsRecordLayouts'],
  [
    'police-uk/street-burglary/street_burglary_TowerHamlets_2010-12_2025-02.csv',
    'police-uk/street_burglary_TowerHamlets_2010-12_2025-02.csv.gz',
    'streetLayout, streetByteRows, importWorker, 0013_police_uk_street_labels',
  ],
  [
    'police-uk/outcomes/outcomes_burglarylinked_TowerHamlets.csv',
    'police-uk/outcomes_burglarylinked_TowerHamlets.csv.gz',
    'outcomesStopSearch',
  ],
  [
    'police-uk/stop-and-search/stop_and_search_TowerHamlets_pip_lsoa21.csv',
    'police-uk/stop_and_search_TowerHamlets_pip_lsoa21.csv.gz',
    'outcomesStopSearch, realData.population',
  ],
  [
    'population/census2011-qs201ew-ethnic-group-la.csv',
    'population/census2011-qs201ew-ethnic-group-la.csv',
    'populationLayouts',
  ],
  ['deprivation/IMD2019forLondon.csv', 'deprivation/IMD2019forLondon.csv', 'deprivationLayouts, referenceRejections'],
  [
    'boundaries/lsoa-2021/lsoa2021_TowerHamlets_wgs84.geojson',
    'boundaries/lsoa2021_TowerHamlets_wgs84.geojson',
    'boundaryLayouts',
  ],
  [
    'boundaries/lsoa-2021/lsoa2021_Hackney_wgs84.geojson',
    'boundaries/lsoa2021_Hackney_wgs84.geojson',
    'boundaryLayouts',
  ],
  ['boundaries/lsoa-2021/lsoa2021_Newham_wgs84.geojson', 'boundaries/lsoa2021_Newham_wgs84.geojson', 'boundaryLayouts'],
  [
    'boundaries/wards-2018/wards2018_TH_Hackney_Newham_wgs84.geojson',
    'boundaries/wards2018_TH_Hackney_Newham_wgs84.geojson',
    'boundaryLayouts',
  ],
  [
    'boundaries/boroughs/london_boroughs_dissolved_from_lsoa2021_simplified2m_wgs84.geojson',
    'boundaries/london_boroughs_dissolved_from_lsoa2021_simplified2m_wgs84.geojson',
    'boundaryLayouts',
  ],
  [
    'costs-of-crime/unit_costs_2015-16_prices_PARTIAL.csv',
    'costs-of-crime/unit_costs_2015-16_prices_PARTIAL.csv',
    'unitCostLayout, costOfCrime, cost',
  ],
  ['costs-of-crime/README.md', 'costs-of-crime/README.md', '(what the partial unit-cost table is)'],
];

const CARRIED: Carried[] = [
  ...DEMO_REUSED.map(
    ([source, demo, usedBy]): Carried => ({
      path: demo.endsWith('.gz') && !source.endsWith('.gz') ? `${source}.gz` : source,
      source,
      how: whole,
      demoData: demo,
      usedBy,
    }),
  ),
  // MPS (London Datastore)
  {
    path: 'mps/lsoa/recorded-crime-lsoa.csv.gz',
    source: 'mps/lsoa/recorded-crime-lsoa.csv.gz',
    how: whole,
    usedBy: 'mpsWardLsoaExtracts',
  },
  { path: 'mps/custody/custody.csv.gz', source: 'mps/custody/custody.csv', how: whole, usedBy: 'mpsRecordLayouts' },
  {
    path: 'mps/searches/thorough-searches.csv.gz',
    source: 'mps/searches/thorough-searches.csv.gz',
    how: whole,
    usedBy: 'mpsRecordLayouts',
  },
  // data.police.uk
  {
    path: 'police-uk/api-json/all-crime_1.json.gz',
    source: 'police-uk/api-json/all-crime_1.json',
    how: whole,
    usedBy: 'apiJsonLayout',
  },
  {
    path: 'police-uk/api-json/crime_data_mozfest.json.gz',
    source: 'police-uk/api-json/crime_data_mozfest.json',
    how: whole,
    usedBy: 'apiJsonLayout',
  },
  {
    path: 'police-uk/street-burglary/street_burglary_MPS_all_monthly_counts.csv',
    source: 'police-uk/street-burglary/street_burglary_MPS_all_monthly_counts.csv',
    how: whole,
    usedBy: 'monthlyRowCountsLayout',
  },
  {
    path: 'police-uk/stop-and-search/stop_and_search_MPS_all_monthly_counts.csv',
    source: 'police-uk/stop-and-search/stop_and_search_MPS_all_monthly_counts.csv',
    how: whole,
    usedBy: 'monthlyRowCountsLayout',
  },
  {
    // The all-Met file is 13.8 MB; 2019 holds every kind of row the importer keys differently (London borough, LSOA outside London, no LSOA).
    path: 'police-uk/outcomes/outcomes_burglarylinked_MPS_all_2012-01_2025-02.cut-2019.csv.gz',
    source: 'police-uk/outcomes/outcomes_burglarylinked_MPS_all_2012-01_2025-02.csv.gz',
    how: {
      kind: 'csv-rows',
      selection: 'rows whose Month is in 2019',
      keep: (c, h) => c[column(h, 'Month')]!.startsWith('2019-'),
    },
    usedBy: 'outcomesStopSearch',
  },
  ...CITY_MONTHS.map(
    (month): Carried => ({
      path: `police-uk/city-of-london/monthly/${month}-city-of-london-street.csv.gz`,
      source: `police-uk/city-of-london/monthly/${month}-city-of-london-street.csv`,
      how: whole,
      usedBy: 'cityOfLondonRevisions (12 of the 171 monthly files)',
    }),
  ),
  {
    path: 'police-uk/city-of-london/city-of-london-street_rows_in_TH_Hackney_Newham_LSOAs.cut-12-months.csv.gz',
    source: 'police-uk/city-of-london/city-of-london-street_rows_in_TH_Hackney_Newham_LSOAs.csv',
    how: {
      kind: 'csv-rows',
      selection: `rows whose Month is one of the 12 monthly files carried (${CITY_MONTHS[0]}..${CITY_MONTHS[5]}, ${CITY_MONTHS[6]}..${CITY_MONTHS[11]})`,
      keep: (c, h) => CITY_MONTHS.includes(c[column(h, 'Month')]!),
    },
    usedBy: 'cityOfLondonRevisions',
  },
  // Boundaries
  {
    path: 'boundaries/lsoa-2011/LSOA_2011_London_gen_MHW.cut-th-city.shp',
    source: 'boundaries/lsoa-2011/LSOA_2011_London_gen_MHW.shp',
    how: {
      kind: 'shapefile-records',
      selection: 'records whose LAD11CD is E09000001 (City of London) or E09000030 (Tower Hamlets)',
      keep: (a) => a.LAD11CD === 'E09000001' || a.LAD11CD === 'E09000030',
    },
    usedBy: 'boundaryLayouts, referenceRejections',
  },
  {
    path: 'boundaries/lsoa-2011/LSOA_2011_London_gen_MHW.cut-th-city.prj',
    source: 'boundaries/lsoa-2011/LSOA_2011_London_gen_MHW.prj',
    how: whole,
    usedBy: 'boundaryLayouts',
  },
  {
    path: 'boundaries/lsoa-2011/LSOA_2011_London_gen_MHW_wgs84.cut-th-city.geojson.gz',
    source: 'boundaries/lsoa-2011/LSOA_2011_London_gen_MHW_wgs84.geojson',
    how: {
      kind: 'geojson-features',
      selection: 'features whose LAD11CD is E09000001 (City of London) or E09000030 (Tower Hamlets)',
      keep: (p) => p.LAD11CD === 'E09000001' || p.LAD11CD === 'E09000030',
    },
    usedBy: 'boundaryLayouts',
  },
  {
    path: 'boundaries/lsoa-2011/lsoa2011_TowerHamlets_wgs84.geojson.gz',
    source: 'boundaries/lsoa-2011/lsoa2011_TowerHamlets_wgs84.geojson',
    how: whole,
    usedBy: 'boundaryLayouts',
  },
  {
    path: 'boundaries/lsoa-2011/lsoa2011_TH_Hackney_Newham_wgs84.geojson.gz',
    source: 'boundaries/lsoa-2011/lsoa2011_TH_Hackney_Newham_wgs84.geojson',
    how: whole,
    usedBy: 'boundaryLayouts',
  },
  {
    path: 'boundaries/wards-2018/wards2018_TowerHamlets_wgs84.geojson.gz',
    source: 'boundaries/wards-2018/wards2018_TowerHamlets_wgs84.geojson',
    how: whole,
    usedBy: 'boundaryLayouts, referenceRejections',
  },
  // Deprivation
  ...['2010', '2015', '2019'].map(
    (year): Carried => ({
      path: `deprivation/E09000030_${year}.csv`,
      source: `deprivation/E09000030_${year}.csv`,
      how: whole,
      usedBy: year === '2019' ? 'deprivationLayouts, referenceRejections' : 'deprivationLayouts',
    }),
  ),
  {
    path: 'deprivation/readme.txt',
    source: 'deprivation/readme.txt',
    how: whole,
    usedBy: '(the CDRC geodata pack readme and attribution)',
  },
  { path: 'deprivation/imd2019.csv.gz', source: 'deprivation/imd2019.csv', how: whole, usedBy: 'deprivationLayouts' },
  // Lookups and population: England and Wales files cut to London
  {
    path: 'lookups/LSOA_(2011)_to_LSOA_(2021)_to_Local_Authority_District_(2022)_Lookup_for_England_and_Wales.cut-london.csv.gz',
    source: LSOA_LOOKUP,
    how: {
      kind: 'csv-rows',
      selection: 'rows whose LAD22CD is a London borough (E09…)',
      keep: (c, h) => E09(c[column(h, 'LAD22CD')]),
    },
    usedBy: 'lookupLayouts, populationLayouts',
  },
  {
    path: 'lookups/LSOA_(2021)_to_Electoral_Ward_(2025)_to_LAD_(2025)_Best_Fit_Lookup_in_EW_v2.cut-london.csv.gz',
    source: WARD_LOOKUP,
    how: {
      kind: 'csv-rows',
      selection: 'rows whose LAD25CD is a London borough (E09…)',
      keep: (c, h) => E09(c[column(h, 'LAD25CD')]),
    },
    usedBy: 'lookupLayouts, realData.population',
  },
  censusLondon('ts007a', 'populationLayouts, realData.population'),
  ...['ts004', 'ts006', 'ts037', 'ts065', 'ts067'].map((table) => censusLondon(table, 'populationLayouts')),
  {
    path: 'population/census2021-ts021-lsoa-nomis.cut-london.csv.gz',
    source: 'population/census2021-ts021-lsoa-nomis.csv',
    how: {
      kind: 'csv-rows',
      selection:
        'data rows ("CODE : NAME") whose code is a London LSOA 2021 (as for the census tables); the metadata, header, blank and footnote lines as published',
      isData: (c) => /^[EW]0\d{7} : /.test(c[0] ?? ''),
      keep: (c) => inLondon(c[0]!.split(' : ')[0]),
    },
    usedBy: 'populationLayouts, realData.population, referenceRejections',
  },
  {
    path: 'population/pop_mid_2015.cut-london.csv.gz',
    source: 'population/pop_mid_2015.csv',
    how: {
      kind: 'csv-rows',
      selection: 'rows whose la is a London borough (E09…)',
      keep: (c, h) => E09(c[column(h, 'la')]),
    },
    usedBy: 'populationLayouts',
  },
];

const OGL3 = 'Contains public sector information licensed under the Open Government Licence v3.0.';
/** The attribution each publisher asks for, worded as in shared/data/MANIFEST.md. */
function licenceOf(source: string): string {
  if (source.startsWith('mps/'))
    return 'Metropolitan Police Service files from the London Datastore, published under the Open Government Licence v2.0.';
  if (source.startsWith('police-uk/')) return `data.police.uk: ${OGL3}`;
  if (/^deprivation\/(E09000030_|readme)/.test(source))
    return `CDRC IMD geodata pack for Tower Hamlets: ${OGL3} Data provided by the ESRC Consumer Data Research Centre.`;
  if (source.startsWith('deprivation/')) return `MHCLG English Indices of Deprivation: ${OGL3}`;
  if (source.startsWith('costs-of-crime/'))
    return 'Home Office, The economic and social costs of crime (2nd edition, 2018; Crown copyright, OGL v3.0): partial figures quoted by a secondary source, see costs-of-crime/README.md.';
  return `ONS and GLA (boundaries, lookups, census and population): ${OGL3}`;
}

// ---------------------------------------------------------------------------------------------------
// Making

const gzip = (bytes: Buffer) => gzipSync(bytes, { level: 9 }); // no file name, mtime 0: the same bytes every run
const isGz = (bytes: Buffer) => bytes[0] === 0x1f && bytes[1] === 0x8b;
const plain = (bytes: Buffer) => (isGz(bytes) ? gunzipSync(bytes) : bytes);
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The published bytes split into lines, each with its own terminator ("\n" or "\r\n"), the last maybe without. */
function lines(bytes: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let start = 0;
  for (let i = bytes.indexOf(0x0a); i >= 0; i = bytes.indexOf(0x0a, start)) {
    out.push(bytes.subarray(start, i + 1));
    start = i + 1;
  }
  if (start < bytes.length) out.push(bytes.subarray(start));
  return out;
}

/** One line's cells (its terminator and a leading BOM dropped). */
function cellsOf(line: Buffer): Cells {
  const text = line
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .replace(/\r?\n$/, '');
  return text === '' ? [''] : ((parse(text, { relax_column_count: true }) as Cells[])[0] ?? ['']);
}

function cutCsv(source: Buffer, how: Extract<How, { kind: 'csv-rows' }>): Buffer {
  const all = lines(source);
  const header = cellsOf(all[0]!);
  const isData = how.isData ?? ((_: Cells, index: number) => index > 0);
  return Buffer.concat(
    all.filter((line, i) => {
      const cells = cellsOf(line);
      return !isData(cells, i) || how.keep(cells, header);
    }),
  );
}

/** The publisher's (GDAL's) GeoJSON has one feature per line: `{ "type": "Feature", … },`. */
const FEATURE_LINE = /^\{ "type": "Feature"/;
function cutGeoJson(source: Buffer, how: Extract<How, { kind: 'geojson-features' }>): Buffer {
  const all = lines(source).map((l) => l.toString('utf8'));
  const first = all.findIndex((l) => FEATURE_LINE.test(l));
  const last = all.findLastIndex((l) => FEATURE_LINE.test(l));
  const kept = all
    .slice(first, last + 1)
    .map((l) => l.replace(/,?\r?\n$/, ''))
    .filter((l) => how.keep(JSON.parse(l).properties));
  return Buffer.from([...all.slice(0, first), `${kept.join(',\n')}\n`, ...all.slice(last + 1)].join(''));
}

interface Dbf {
  headerLength: number;
  recordLength: number;
  count: number;
  fields: { name: string; offset: number; length: number }[];
}
function readDbfHeader(dbf: Buffer): Dbf {
  const fields: Dbf['fields'] = [];
  let offset = 1; // each record starts with its deletion flag
  for (let p = 32; dbf[p] !== 0x0d; p += 32) {
    const length = dbf[p + 16]!;
    fields.push({
      name: dbf
        .subarray(p, p + 11)
        .toString('latin1')
        .replace(/\0.*$/, ''),
      offset,
      length,
    });
    offset += length;
  }
  return { headerLength: dbf.readUInt16LE(8), recordLength: dbf.readUInt16LE(10), count: dbf.readUInt32LE(4), fields };
}

/** The records of a polygon shapefile whose .dbf attributes the selection keeps, renumbered, with a new bounding box and .shx. */
function cutShapefile(
  shp: Buffer,
  dbf: Buffer,
  keep: (a: Record<string, string>) => boolean,
): { shp: Buffer; shx: Buffer; dbf: Buffer } {
  const d = readDbfHeader(dbf);
  const records: Buffer[] = [];
  const dbfRecords: Buffer[] = [];
  const box = [Infinity, Infinity, -Infinity, -Infinity];
  let p = 100;
  for (let i = 0; p < shp.length; i += 1) {
    if (shp.readInt32BE(p) !== i + 1) throw new Error(`shapefile record ${i + 1} is numbered ${shp.readInt32BE(p)}`);
    const length = 8 + 2 * shp.readInt32BE(p + 4);
    const record = d.headerLength + i * d.recordLength;
    const attributes = Object.fromEntries(
      d.fields.map((f) => [
        f.name,
        dbf
          .subarray(record + f.offset, record + f.offset + f.length)
          .toString('latin1')
          .trim(),
      ]),
    );
    if (keep(attributes)) {
      const copy = Buffer.from(shp.subarray(p, p + length));
      copy.writeInt32BE(records.length + 1, 0);
      records.push(copy);
      dbfRecords.push(dbf.subarray(record, record + d.recordLength));
      for (let k = 0; k < 4; k += 1) {
        const v = copy.readDoubleLE(12 + 8 * k);
        box[k] = k < 2 ? Math.min(box[k]!, v) : Math.max(box[k]!, v);
      }
    }
    p += length;
  }
  if (records.length === 0) throw new Error('the selection keeps no shapefile record');
  const header = (words: number) => {
    const h = Buffer.from(shp.subarray(0, 100));
    h.writeInt32BE(words, 24);
    box.forEach((v, k) => h.writeDoubleLE(v, 36 + 8 * k));
    return h;
  };
  const body = Buffer.concat(records);
  const index = Buffer.alloc(8 * records.length);
  let at = 100;
  records.forEach((r, i) => {
    index.writeInt32BE(at / 2, 8 * i);
    index.writeInt32BE((r.length - 8) / 2, 8 * i + 4);
    at += r.length;
  });
  const dbfHeader = Buffer.from(dbf.subarray(0, d.headerLength));
  dbfHeader.writeUInt32LE(records.length, 4);
  const tail = dbf[d.headerLength + d.count * d.recordLength] === 0x1a ? Buffer.from([0x1a]) : Buffer.alloc(0);
  return {
    shp: Buffer.concat([header((100 + body.length) / 2), body]),
    shx: Buffer.concat([header((100 + index.length) / 2), index]),
    dbf: Buffer.concat([dbfHeader, ...dbfRecords, tail]),
  };
}

const withExt = (path: string, ext: string) => path.replace(/\.shp$/, ext);

/** The carried file(s) an entry makes, by test-data path. */
function make(entry: Carried): Map<string, Buffer> {
  const source = readFileSync(join(sharedDir, entry.source));
  const finish = (bytes: Buffer) => (entry.path.endsWith('.gz') && !isGz(bytes) ? gzip(bytes) : bytes);
  const how = entry.how;
  switch (how.kind) {
    case 'whole':
      return new Map([[entry.path, finish(source)]]);
    case 'csv-rows':
      return new Map([[entry.path, finish(cutCsv(plain(source), how))]]);
    case 'geojson-features':
      return new Map([[entry.path, finish(cutGeoJson(plain(source), how))]]);
    case 'shapefile-records': {
      const cut = cutShapefile(source, readFileSync(join(sharedDir, withExt(entry.source, '.dbf'))), how.keep);
      return new Map([
        [entry.path, cut.shp],
        [withExt(entry.path, '.shx'), cut.shx],
        [withExt(entry.path, '.dbf'), cut.dbf],
      ]);
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Checking, from the files on disk

interface Checked {
  sourceRows?: number;
  rows?: number;
}

function fail(entry: Carried, message: string): never {
  throw new Error(`${entry.path}: ${message}`);
}

/** Every line of `cut` is a line of `source`, in the same order (so nothing was rewritten, only left out). */
function expectSubsequence(entry: Carried, cut: Buffer[], source: Buffer[]) {
  let j = 0;
  for (const line of cut) {
    while (j < source.length && !source[j]!.equals(line)) j += 1;
    if (j === source.length)
      fail(entry, `line "${line.toString('utf8').slice(0, 80)}" is not a line of the source in order`);
    j += 1;
  }
}

async function check(entry: Carried, carriedAt: string): Promise<Checked> {
  const source = plain(readFileSync(join(sharedDir, entry.source)));
  const cut = plain(readFileSync(carriedAt));
  const how = entry.how;
  switch (how.kind) {
    case 'whole':
      if (!cut.equals(source)) fail(entry, `its content differs from ${entry.source}`);
      return {};
    case 'csv-rows': {
      const options = { bom: true, relax_column_count: true, skip_empty_lines: false } as const;
      const sourceRecords = parse(source, options) as Cells[];
      const cutRecords = parse(cut, options) as Cells[];
      const header = sourceRecords[0]!;
      const isData = how.isData ?? ((_: Cells, index: number) => index > 0);
      const expected = sourceRecords.filter((r, i) => !isData(r, i) || how.keep(r, header));
      if (!isDeepStrictEqual(cutRecords, expected))
        fail(
          entry,
          `its records are not the source's records for the selection (${cutRecords.length} read, ${expected.length} expected)`,
        );
      if (
        cut.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])) !==
        source.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))
      )
        fail(entry, 'the BOM differs');
      expectSubsequence(entry, lines(cut), lines(source));
      const data = (records: Cells[]) => records.filter((r, i) => isData(r, i)).length;
      if (data(cutRecords) === 0) fail(entry, 'the selection keeps no row');
      return { sourceRows: data(sourceRecords), rows: data(cutRecords) };
    }
    case 'geojson-features': {
      const s = JSON.parse(source.toString('utf8')) as { features: { properties: Record<string, unknown> }[] };
      const c = JSON.parse(cut.toString('utf8')) as typeof s;
      const expected = s.features.filter((f) => how.keep(f.properties));
      if (!isDeepStrictEqual({ ...c, features: [] }, { ...s, features: [] }))
        fail(entry, 'its members other than features differ from the source');
      if (!isDeepStrictEqual(c.features, expected))
        fail(
          entry,
          `its features are not the source's for the selection (${c.features.length} read, ${expected.length} expected)`,
        );
      const featureLines = (b: Buffer) =>
        lines(b)
          .filter((l) => FEATURE_LINE.test(l.toString('utf8')))
          .map((l) => Buffer.from(l.toString('utf8').replace(/,?\r?\n$/, '')));
      expectSubsequence(entry, featureLines(cut), featureLines(source));
      return { sourceRows: s.features.length, rows: c.features.length };
    }
    case 'shapefile-records': {
      const read = (shp: string) => shapefile.read(shp, withExt(shp, '.dbf'));
      const s = await read(join(sharedDir, entry.source));
      const c = await read(carriedAt);
      const expected = s.features.filter((f) =>
        how.keep(Object.fromEntries(Object.entries(f.properties ?? {}).map(([k, v]) => [k, String(v)]))),
      );
      if (!isDeepStrictEqual(c.features, expected))
        fail(
          entry,
          `its features are not the source's for the selection (${c.features.length} read, ${expected.length} expected)`,
        );
      // The .shx must point at each record of the .shp (the importer does not read it; other tools do).
      const shp = readFileSync(carriedAt);
      const shx = readFileSync(withExt(carriedAt, '.shx'));
      let p = 100;
      for (let i = 0; i < c.features.length; i += 1) {
        if (shx.readInt32BE(100 + 8 * i) * 2 !== p || shx.readInt32BE(104 + 8 * i) !== shp.readInt32BE(p + 4))
          fail(entry, `.shx entry ${i + 1} does not point at record ${i + 1}`);
        p += 8 + 2 * shp.readInt32BE(p + 4);
      }
      if (p !== shp.length || shx.length !== 100 + 8 * c.features.length)
        fail(entry, 'the .shp or .shx has bytes beyond its records');
      return { sourceRows: s.features.length, rows: c.features.length };
    }
  }
}

// ---------------------------------------------------------------------------------------------------

function describeHow(entry: Carried): string {
  if (entry.how.kind === 'whole')
    return entry.path.endsWith('.gz') && !entry.source.endsWith('.gz') ? 'whole file, gzipped' : 'whole file';
  return `cut: ${entry.how.selection}${entry.path.endsWith('.gz') ? '; gzipped' : ''}`;
}

/** Files this script does not make: its own outputs, and the seed documents copied whole into seeds/. */
const keptAsIs = (path: string) => ['README.md', 'MANIFEST.json'].includes(path) || path.startsWith('seeds/');

/** The README's section on seeds/: documents (not data) copied whole, listed with their SHA-256. */
function seedsSection(): string[] {
  const dir = join(outDir, 'seeds');
  const described: Record<string, string> = {
    '000_8814935fd8ff57ef.txt':
      "the text of Tower Hamlets' *Serious Violence Duty: Strategic Needs Assessment, Summary Version* (January 2024), a public document; its 33 recommendations in six groups.",
    '001_09c5d8c39eba6406.txt':
      "the text of Tower Hamlets' return to the London Violence Reduction Unit's *Violence and Vulnerability Reduction Action Plans - 2023* template (core and optional actions, borough updates, emerging themes), a public document.",
  };
  if (!existsSync(dir)) return [];
  return [
    '## Seeds (documents, not data)',
    'Copied whole from `../shared/seeds/` (the text of public documents the partnership published or returned),',
    'not cut by this script, which leaves `seeds/` as it is; tests read them by path (`test-data/seeds/…`), the delivery',
    "importers' tests (`src/delivery/import/`) among them.",
    '',
    ...readdirSync(dir)
      .sort()
      .map(
        (f) =>
          `- \`seeds/${f}\`: ${described[f] ?? 'a seed document.'} SHA-256 \`${sha256(readFileSync(join(dir, f)))}\`.`,
      ),
    '',
  ];
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

async function main() {
  if (!existsSync(join(sharedDir, 'MANIFEST.md')))
    throw new Error(`the published data is not at ${sharedDir}: set SAFER_SHARED_DATA to the shared/data folder`);
  const made = new Map<string, Buffer>();
  for (const entry of CARRIED) if (!entry.demoData) for (const [path, bytes] of make(entry)) made.set(path, bytes);

  const problems: string[] = [];
  if (checkOnly) {
    for (const [path, bytes] of made) {
      const onDisk = join(outDir, path);
      if (!existsSync(onDisk)) problems.push(`${path}: missing`);
      else if (!readFileSync(onDisk).equals(bytes)) {
        problems.push(
          `${path}: differs from what this script makes${isGz(bytes) && plain(readFileSync(onDisk)).equals(plain(bytes)) ? ' (same content, other gzip bytes: another zlib?)' : ''}`,
        );
      }
    }
  } else {
    for (const stale of filesUnder(outDir)) if (!made.has(stale) && !keptAsIs(stale)) rmSync(join(outDir, stale));
    for (const [path, bytes] of made) {
      mkdirSync(dirname(join(outDir, path)), { recursive: true });
      writeFileSync(join(outDir, path), bytes);
    }
  }
  for (const stale of filesUnder(outDir))
    if (!made.has(stale) && !keptAsIs(stale)) problems.push(`${stale}: in test-data/ but made by no entry`);

  const manifest = [];
  for (const entry of CARRIED) {
    const carriedAt = entry.demoData ? join(root, 'demo-data', entry.demoData) : join(outDir, entry.path);
    try {
      const checked = await check(entry, carriedAt);
      // A shapefile cut is three files (.shp, .shx, .dbf), each listed so that testData() finds it.
      const parts: [string, string, string, Checked][] =
        entry.how.kind === 'shapefile-records'
          ? ['.shp', '.shx', '.dbf'].map((ext) => [
              withExt(entry.path, ext),
              withExt(carriedAt, ext),
              withExt(entry.source, ext),
              ext === '.shp' ? checked : {},
            ])
          : [[entry.path, carriedAt, entry.source, checked]];
      for (const [path, at, source, rows] of parts) {
        manifest.push({
          path,
          carriedAt: relative(root, at),
          source,
          sourceSha256: sha256(readFileSync(join(sharedDir, source))),
          sha256: sha256(readFileSync(at)),
          bytes: readFileSync(at).length,
          how: describeHow(entry),
          ...rows,
          usedBy: entry.usedBy,
          licence: licenceOf(entry.source),
        });
      }
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
  }
  if (problems.length > 0) {
    console.error(`test-data: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  const manifestText = `${JSON.stringify({ generatedBy: 'scripts/cut-test-data.ts', files: manifest }, null, 1)}\n`;
  const readme = readmeText(manifest);
  if (checkOnly) {
    for (const [name, text] of [
      ['MANIFEST.json', manifestText],
      ['README.md', readme],
    ] as const) {
      if (!existsSync(join(outDir, name)) || readFileSync(join(outDir, name), 'utf8') !== text)
        problems.push(`${name}: out of date`);
    }
    if (problems.length > 0) {
      console.error(`test-data: ${problems.join('; ')} (run npm run cut-test-data)`);
      process.exit(1);
    }
  } else {
    writeFileSync(join(outDir, 'MANIFEST.json'), manifestText);
    writeFileSync(join(outDir, 'README.md'), readme);
  }
  const bytes = filesUnder(outDir).reduce((n, p) => n + readFileSync(join(outDir, p)).length, 0);
  console.log(
    `test-data: ${manifest.length} files checked against ${sharedDir} (${made.size} in test-data/, ${(bytes / 1e6).toFixed(1)} MB; ${CARRIED.filter((e) => e.demoData).length} reused from demo-data/)${checkOnly ? '; test-data/ is as this script makes it' : ''}`,
  );
}

function readmeText(
  manifest: {
    path: string;
    carriedAt: string;
    source: string;
    sourceSha256: string;
    how: string;
    sourceRows?: number;
    rows?: number;
    usedBy: string;
    licence: string;
  }[],
): string {
  const licences = [...new Set(manifest.map((m) => m.licence))];
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  return [
    '# Test data',
    '',
    'Real open data the default test suite reads, so that `npm install && npm test` passes on a bare clone. Made',
    'from the published files (`../shared/data`, see its MANIFEST.md) by `scripts/cut-test-data.ts`; do not edit',
    'by hand. `npm run cut-test-data` remakes and checks everything (`-- --check` writes nothing).',
    '',
    '- A file is the published file whole (gzipped where it is large; Safer reads gzip by content) or a **cut**:',
    '  the published rows (features, records) a selection keeps, byte for byte and in order, with the',
    "  publisher's header, metadata lines and line endings. Cut files have `.cut-NAME` before their extension.",
    '- Files the demo already carries with the same content are read from `demo-data/` (see `carriedAt`), not copied.',
    '- Every file is checked against its source by the script: whole files decompress to the published bytes;',
    "  cuts, read back and parsed, equal the source's parsed rows (features, records) for the selection.",
    "  `MANIFEST.json` records each source's SHA-256, the carried file's, and the rows in source and cut.",
    '- Tests name files by their path here (`testData(…)` in `test/sharedData.ts`). Tests that need whole',
    '  files too big to carry are `*.extended.test.ts`: they run when the full data is present (`../shared/data`',
    '  or `SAFER_SHARED_DATA`), as in CI.',
    '',
    '## Licences',
    ...licences.map((l) => `- ${l}`),
    '',
    'No personal data: these are published aggregate and anonymised open files.',
    '',
    '## Files',
    '| path (shared/data layout) | carried at | source | how | rows (source → carried) | source SHA-256 |',
    '|---|---|---|---|---|---|',
    ...manifest.map(
      (m) =>
        `| ${cell(m.path)} | ${m.carriedAt.startsWith('demo-data/') ? cell(m.carriedAt) : 'here'} | ${cell(m.source)} | ${cell(m.how)} | ${m.rows === undefined ? '' : `${m.sourceRows} → ${m.rows}`} | \`${m.sourceSha256}\` |`,
    ),
    '',
    ...seedsSection(),
  ].join('\n');
}

await main();
