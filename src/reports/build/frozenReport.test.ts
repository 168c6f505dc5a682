import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/createTestDb.ts';
import { importForTest } from '../../../test/importHelpers.ts';
import { refreshAggregatesForBatch } from '../../analysis/aggregates/refreshAggregatesForBatch.ts';
import { loadDefinitions } from '../../analysis/loadDefinitions.ts';
import { at, partnerCsv, type PartnerRow } from '../../analysis/testing/partnerExtract.ts';
import type { Definition } from '../../domain/definitions/definitionSchema.ts';
import { operatorReportAnalyser } from '../../release/reportAnalysers.ts';
import { type BuiltReport, figureBlocks } from '../builtReport.ts';
import { ReportTemplate } from '../template/templateSchema.ts';
import { buildReport } from './buildReport.ts';
import { reportPorts } from './databasePorts.ts';
import { editionDifferences, whatChanged } from './whatChanged.ts';

/*
 * Hand-made SYNTHETIC partner extracts for May 2023 in one Tower Hamlets ward, small enough to count by hand.
 * June's extract: 10 robberies with a male victim and 3 with a female victim (13). July's revises May: 12 male, 3
 * female (15).
 */
const robbery = (n: number, sex: string, from: number): PartnerRow[] =>
  Array.from({ length: n }, (_, i) => ({
    ...at('2023-05-10', '14:00'),
    record_id: `r${from + i}`,
    crime_ref: `c${from + i}`,
    ho_major_category: 'ROBBERY',
    ho_minor_category: 'ROBBERY OF PERSONAL PROPERTY',
    victim_id: `v${from + i}`,
    victim_age: '30',
    victim_sex: sex,
    victim_ethnicity: 'not_stated',
  }));
const JUNE = [...robbery(10, 'male', 0), ...robbery(3, 'female', 100)];
const JULY = [...robbery(12, 'male', 0), ...robbery(3, 'female', 100)];

const TEMPLATE = ReportTemplate.parse({
  id: 'frozen',
  version: 1,
  title: 'Robbery note',
  description: 'test',
  sections: [
    {
      id: 'only',
      title: 'Robbery',
      blocks: [
        { kind: 'narrative', id: 'text', markdown: 'Robbery: {{robbery.count}}.' },
        {
          kind: 'figure',
          id: 'robbery',
          view: 'headline',
          title: 'Robbery',
          what: { category: 'Robbery' },
          source: 'partner-police',
        },
        {
          kind: 'figure',
          id: 'by-sex',
          view: 'table',
          title: 'Robbery victims by sex',
          what: { category: 'Robbery' },
          by: 'victim-sex',
          source: 'partner-police',
        },
      ],
    },
  ],
});

let t: TestDb;
let definitions: Definition[];
let dir: string;

async function importRows(name: string, rows: PartnerRow[], extractDate: string): Promise<void> {
  const path = join(dir, name);
  await writeFile(path, partnerCsv(rows));
  const result = await importForTest(t.database, path, { extractDate });
  if (result.status !== 'imported') throw new Error(result.message);
  await t.database.db.transaction().execute((trx) => refreshAggregatesForBatch(trx, result.batchId!));
}

const build = (edition: 'internal' | 'public', asOf?: Record<string, string>) =>
  buildReport(
    {
      template: TEMPLATE,
      area: 'Tower Hamlets',
      period: 'May 2023',
      compare: null,
      edition,
      ...(asOf ? { asOf } : {}),
    },
    {
      ...reportPorts(t.database.db, definitions),
      analyse: operatorReportAnalyser(t.database.db, definitions, edition),
    },
  );
const rows = (r: BuiltReport, id: string) => figureBlocks(r).find((b) => b.id === id)!.table.rows;

beforeAll(async () => {
  t = await createTestDb();
  definitions = await loadDefinitions();
  dir = await mkdtemp(join(tmpdir(), 'safer-frozen-'));
  await importRows('june.csv', JUNE, '2023-06-05');
}, 120_000);
afterAll(async () => t?.drop());

describe('a published report is frozen at the extracts it used', () => {
  let published: BuiltReport;

  it('records, per figure block, the extract date it was answered from', async () => {
    published = await build('internal');
    expect(published.asOf).toEqual({});
    expect(published.extracts).toEqual({ robbery: '2023-06-05', 'by-sex': '2023-06-05' });
    expect(rows(published, 'robbery')[0]).toEqual(['Offences, May 2023', '13', '', '']);
  });

  it('re-rendered after a newer extract, it shows the old numbers; the live build shows the new; what changed lists both', async () => {
    await importRows('july.csv', JULY, '2023-07-05');
    const frozen = await build('internal', published.extracts);
    expect(frozen.asOf).toEqual(published.extracts);
    const live = await build('internal');
    expect(rows(frozen, 'robbery')[0]![1]).toBe('13');
    expect(rows(live, 'robbery')[0]![1]).toBe('15');
    expect(JSON.stringify(frozen.sections[0]!.blocks[0])).toContain('Robbery: 13.');
    const changes = whatChanged(published, live);
    expect(changes.map((c) => [c.block, c.group, c.publishedCount, c.nowCount])).toEqual([
      ['robbery', 'Tower Hamlets', 13, 15],
      ['by-sex', 'male', 10, 12],
      // Still 3, but its share of the victims fell from 3/13 to 3/15: a figure that differs.
      ['by-sex', 'female', 3, 3],
    ]);
    expect(changes[2]).toMatchObject({ publishedRate: 3 / 13, nowRate: 3 / 15 });
    expect(changes[0]).toMatchObject({ publishedExtract: '2023-06-05', nowExtract: '2023-07-05' });
    expect(whatChanged(published, frozen)).toEqual([]);
  });
});

describe('the public edition applies the partner data owner’s disclosure rule', () => {
  it('suppresses the female count (3, inside 1–7) and, so it cannot be worked out from the total, the male count too', async () => {
    const july = { robbery: '2023-07-05', 'by-sex': '2023-07-05' };
    const internal = await build('internal', july);
    const pub = await build('public', july);
    const bySex = (r: BuiltReport) => Object.fromEntries(rows(r, 'by-sex').map((row) => [row[0], row[1]]));
    expect(bySex(internal)).toMatchObject({ male: '12', female: '3' });
    expect(bySex(pub)).toMatchObject({ male: 'suppressed', female: 'suppressed' });
    expect(rows(pub, 'robbery')[0]![1]).toBe('15');
    expect(pub.marking).toBe('OFFICIAL (PUBLIC EDITION)');
    const annex = pub.annex.filter((r) => r.block === 'by-sex');
    expect(annex.map((r) => [r.group, r.count, r.shown])).toEqual([
      ['male', null, '*'],
      ['female', null, '*'],
    ]);
    // Listed for the approver: the two cells the public edition withholds, with what the internal one shows.
    expect(editionDifferences(internal, pub)).toEqual([
      { figure: 'Table 2', group: 'male', internal: '12', public: '*' },
      { figure: 'Table 2', group: 'female', internal: '3', public: '*' },
    ]);
  });
});
