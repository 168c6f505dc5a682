import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/createTestDb.ts';
import { importForTest } from '../../../test/importHelpers.ts';
import { tempDir } from '../../../test/tempFiles.ts';
import { snapshotTables } from '../../../test/policeUkQueries.ts';

// Small hand-written files in the real data.police.uk layouts (SYNTHETIC rows). Each bad file must be
// rejected whole with file, line, column, value and reason, leaving every table exactly as before.
const STREET_HEADER =
  'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context';
const MET = 'Metropolitan Police Service,Metropolitan Police Service';
const row = (id: string, month = '2015-04', lonLat = '-0.029459,51.533135', lsoa = 'E01004222', type = 'Burglary') =>
  `${id},${month},${MET},${lonLat},On or near Roman Road,${lsoa},Tower Hamlets 001A,${type},Under investigation,`;

let t: TestDb;
let files: ReturnType<typeof tempDir>;
let before: Record<string, number>;

beforeAll(async () => {
  t = await createTestDb();
  files = tempDir();
});
afterAll(async () => {
  files?.cleanup();
  await t?.drop();
});
beforeEach(async () => {
  before = await snapshotTables(t.database);
});

async function expectRejected(name: string, content: string) {
  const r = await importForTest(t.database, files.file(name, content));
  expect(r.status).toBe('rejected');
  expect(r.message).toMatch(new RegExp(`^${name.replace('.', '\\.')} was rejected; nothing was imported`));
  expect(await snapshotTables(t.database)).toEqual(before);
  return r;
}

describe('police.uk street files that are rejected whole', () => {
  it('a Crime ID used again in another month names the line and the month and force it was first used for', async () => {
    const r = await expectRejected(
      'dup.csv',
      [STREET_HEADER, row('aaa111'), row('bbb222'), row('aaa111', '2015-05')].join('\n'),
    );
    expect(r.errors).toEqual([
      {
        line: 4,
        column: 'Crime ID',
        value: 'aaa111',
        message:
          'the Crime ID is also used earlier in the file for a crime in another month or force (2015-04, Metropolitan Police Service)',
      },
    ]);
  });

  it('a Crime ID used again by another force in the same month, on the string path too', async () => {
    const other = row('ccc333').replace(`${MET}`, 'City of London Police,City of London Police');
    // A quoted Location sends the row through the string path (StreetRowValidator.validate).
    const quoted = row('ccc333').replace('On or near Roman Road', '"On or near Roman Road, E1"');
    const r = await expectRejected('dup-force.csv', [STREET_HEADER, other, quoted].join('\n'));
    expect(r.errors).toEqual([
      {
        line: 3,
        column: 'Crime ID',
        value: 'ccc333',
        message:
          'the Crime ID is also used earlier in the file for a crime in another month or force (2015-04, City of London Police)',
      },
    ]);
  });

  it('coordinates outside the UK', async () => {
    const r = await expectRejected(
      'paris.csv',
      [STREET_HEADER, row('a1'), row('a2', '2015-04', '2.352222,48.856613')].join('\n'),
    );
    expect(r.errors).toEqual([
      { line: 3, column: 'Latitude', value: '48.856613', message: 'the point is outside the UK' },
    ]);
  });

  it('an impossible month (2015-13)', async () => {
    const r = await expectRejected('month.csv', [STREET_HEADER, row('a1'), row('a2', '2015-13')].join('\n'));
    expect(r.errors).toEqual([{ line: 3, column: 'Month', value: '2015-13', message: 'impossible month 13' }]);
  });

  it('a malformed LSOA code, and a ward code where an LSOA belongs', async () => {
    const r = await expectRejected(
      'lsoa.csv',
      [
        STREET_HEADER,
        row('a1', '2015-04', '-0.029459,51.533135', 'E0100422'),
        row('a2', '2015-04', '-0.029459,51.533135', 'E05009317'),
      ].join('\n'),
    );
    expect(r.errors).toEqual([
      {
        line: 2,
        column: 'LSOA code',
        value: 'E0100422',
        message: 'not a GSS code (a letter and 8 digits, e.g. E01004222)',
      },
      { line: 3, column: 'LSOA code', value: 'E05009317', message: 'expected a code starting E01 or W01' },
    ]);
  });

  it('a blank crime type', async () => {
    const r = await expectRejected(
      'type.csv',
      [STREET_HEADER, row('a1'), row('a2', '2015-04', '-0.029459,51.533135', 'E01004222', ' ')].join('\n'),
    );
    expect(r.errors).toEqual([{ line: 3, column: 'Crime type', value: ' ', message: 'the crime type is blank' }]);
  });

  it('keeps validating after the first problem and lists every one', async () => {
    const r = await expectRejected(
      'several.csv',
      [STREET_HEADER, row('a1', '2015-13'), row('a2'), row('a3', '2015-04', '-0.02,95.1')].join('\n'),
    );
    expect(r.errors.map((e) => [e.line, e.column])).toEqual([
      [2, 'Month'],
      [4, 'Latitude'],
    ]);
  });
});

describe('other police.uk layouts reject bad rows too', () => {
  it('outcomes: a blank outcome type', async () => {
    const header =
      'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Outcome type';
    const r = await expectRejected(
      'outcomes.csv',
      `${header}\nx1,2015-04,${MET},-0.02,51.5,On or near X,E01004222,Tower Hamlets 001A,\n`,
    );
    expect(r.errors).toEqual([{ line: 2, column: 'Outcome type', value: '', message: 'the outcome type is blank' }]);
  });

  it('stop-and-search: an impossible date', async () => {
    const header =
      'Type,Date,Part of a policing operation,Policing operation,Latitude,Longitude,Gender,Age range,Self-defined ethnicity,Officer-defined ethnicity,Legislation,Object of search,Outcome,Outcome linked to object of search,Removal of more than just outer clothing';
    const r = await expectRejected(
      'sas.csv',
      `${header}\nPerson search,2016-13-01T12:10:00+00:00,False,,51.48,-0.008,Male,18-24,,White,Misuse of Drugs Act 1971 (section 23),Controlled drugs,A no further action disposal,,\n`,
    );
    expect(r.errors).toEqual([{ line: 2, column: 'Date', value: '2016-13-01', message: 'impossible month 13' }]);
  });

  it('API JSON: an unknown category slug', async () => {
    const crime = {
      category: 'knife-crime',
      location_type: 'Force',
      location: { latitude: '51.5', longitude: '-0.01', street: { id: 1, name: 'On or near X' } },
      context: '',
      outcome_status: null,
      persistent_id: '',
      id: 1,
      location_subtype: '',
      month: '2014-08',
    };
    const r = await expectRejected('api.json', JSON.stringify([crime]));
    expect(r.errors[0]).toMatchObject({ line: null, column: '[0].category', value: 'knife-crime' });
    expect(r.errors[0]!.message).toMatch(/^not a police.uk crime category \(known: anti-social-behaviour, /);
  });
});

describe('police.uk street files that import', () => {
  it("keeps the publisher's repeated Crime IDs within one month, and blank Crime IDs", async () => {
    const r = await importForTest(
      t.database,
      files.file('repeat.csv', [STREET_HEADER, row('ccc333'), row('ccc333'), row(''), row('')].join('\n')),
    );
    expect(r.errors).toEqual([]);
    expect(r.imported).toBe(4);
  });

  it('stores a formula-like cell as plain text, exactly as written', async () => {
    const formula = '=HYPERLINK("http://example.invalid","click")';
    const line = row('f1').replace('On or near Roman Road', `"${formula.replace(/"/g, '""')}"`);
    const r = await importForTest(t.database, files.file('formula.csv', `${STREET_HEADER}\n${line}\n`));
    expect(r.status).toBe('imported');
    const stored = await t.database.db
      .selectFrom('police_uk_street')
      .select('location')
      .where('crime_id', '=', 'f1')
      .executeTakeFirst();
    expect(stored?.location).toBe(formula);
  });
});
