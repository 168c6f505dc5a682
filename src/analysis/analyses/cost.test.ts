import { figuresOf } from '../analysisResult.ts';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/createTestDb.ts';
import { importForTest } from '../../../test/importHelpers.ts';
import { testData } from '../../../test/sharedData.ts';
import type { Definition } from '../../domain/definitions/definitionSchema.ts';
import { loadDefinitions } from '../loadDefinitions.ts';
import { runAnalysis } from '../runAnalysis.ts';
import { at, partnerCsv, type PartnerRow } from '../testing/partnerExtract.ts';
import { chooseEdition } from './cost.ts';

/*
 * Cost of crime through runAnalysis: a hand-made SYNTHETIC partner extract (May 2023) and the real partial
 * unit-cost table (costs-of-crime/unit_costs_2015-16_prices_PARTIAL.csv: Violence with injury £14,050,
 * Robbery £11,320, Rape £39,360, total economic and social cost per offence, 2015/16 prices).
 */
const VAP = 'VIOLENCE AGAINST THE PERSON';
const ROWS: PartnerRow[] = [
  // One violence-with-injury offence with two victims: one offence, costed once.
  {
    ...at('2023-05-09', '16:30'),
    record_id: 'r1',
    crime_ref: 'c1',
    ho_major_category: VAP,
    ho_minor_category: 'VIOLENCE WITH INJURY',
    victim_id: 'v1',
    victim_age: '30',
    victim_sex: 'female',
    victim_ethnicity: 'white',
  },
  {
    ...at('2023-05-09', '16:30'),
    record_id: 'r2',
    crime_ref: 'c1',
    ho_major_category: VAP,
    ho_minor_category: 'VIOLENCE WITH INJURY',
    victim_id: 'v2',
    victim_age: '31',
    victim_sex: 'female',
    victim_ethnicity: 'white',
  },
  {
    ...at('2023-05-11', '10:00'),
    record_id: 'r3',
    crime_ref: 'c2',
    ho_major_category: VAP,
    ho_minor_category: 'VIOLENCE WITH INJURY',
    victim_id: 'v3',
    victim_age: '40',
    victim_sex: 'female',
    victim_ethnicity: 'white',
  },
  {
    ...at('2023-05-12', '11:00'),
    record_id: 'r4',
    crime_ref: 'c3',
    ho_major_category: VAP,
    ho_minor_category: 'VIOLENCE WITHOUT INJURY',
    victim_id: 'v4',
    victim_age: '50',
    victim_sex: 'female',
    victim_ethnicity: 'white',
  },
  {
    ...at('2023-05-13', '02:00'),
    record_id: 'r5',
    crime_ref: 'c4',
    ho_major_category: 'ROBBERY',
    ho_minor_category: 'ROBBERY OF PERSONAL PROPERTY',
    victim_id: 'v5',
    victim_age: '22',
    victim_sex: 'female',
    victim_ethnicity: 'white',
  },
  {
    ...at('2023-05-14', '03:00'),
    record_id: 'r6',
    crime_ref: 'c5',
    ho_major_category: 'ROBBERY',
    ho_minor_category: 'ROBBERY OF BUSINESS PROPERTY',
  },
];
const PARTIAL_EDITION = 'unit_costs_2015-16_prices_PARTIAL';

let t: TestDb;
let definitions: Definition[];
let dir: string;
const ask = (q: Record<string, unknown>) =>
  runAnalysis(t.database.db, definitions, { area: 'Tower Hamlets', period: 'May 2023', by: 'cost', ...q });

beforeAll(async () => {
  t = await createTestDb();
  definitions = await loadDefinitions();
  dir = await mkdtemp(join(tmpdir(), 'safer-cost-'));
  await writeFile(join(dir, 'extract.csv'), partnerCsv(ROWS));
  expect((await importForTest(t.database, join(dir, 'extract.csv'), { extractDate: '2023-06-05' })).status).toBe(
    'imported',
  );
}, 120_000);

afterAll(async () => t?.drop());

describe('cost of crime without unit costs', () => {
  it('says none are imported rather than showing £0', async () => {
    await expect(ask({ category: VAP })).rejects.toMatchObject({
      code: 'NO_DATA',
      message: expect.stringMatching(/no unit costs are imported/),
    });
  });
});

describe('cost of crime from the partial table', () => {
  beforeAll(async () => {
    expect(
      (await importForTest(t.database, testData('costs-of-crime/unit_costs_2015-16_prices_PARTIAL.csv'))).status,
    ).toBe('imported');
  });

  it('violence against the person: 2 offences with injury × £14,050 = £28,100; without injury has no unit cost and is left out', async () => {
    const r = await ask({ category: VAP });
    expect(r.figures).toHaveLength(1);
    const f = figuresOf(r, 'cost')[0]!;
    expect(f).toMatchObject({
      rate: 28_100,
      count: 3,
      unitCostEdition: PARTIAL_EDITION,
      priceYear: '2015/16',
      provisional: true,
      extractDate: '2023-06-05',
      source: 'partner police extract',
    });
    expect(f.method).toBe('unit cost × recorded offences (total economic and social cost per offence)');
    expect(f.lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ offence: 'Violence with injury', recorded: 2, unitCost: 14_050, cost: 28_100 }),
        expect.objectContaining({ recorded: 1, unitCost: null, cost: null }),
      ]),
    );
    expect(r.warnings).toEqual(
      expect.arrayContaining([
        `unit costs come from a partial table (${PARTIAL_EDITION}): figures are provisional`,
        'no under-reporting multiplier applied (recorded offences only)',
        expect.stringMatching(
          /^no total economic and social cost per offence for "VIOLENCE AGAINST THE PERSON \/ VIOLENCE WITHOUT INJURY"/,
        ),
      ]),
    );
  });

  it('robbery: both minor categories fall back to the major "Robbery": 2 × £11,320 = £22,640', async () => {
    const f = (await ask({ category: 'ROBBERY' })).figures[0]!;
    expect(f).toMatchObject({ rate: 22_640, count: 2, provisional: true });
  });

  it('refuses a request with no offences in the period as no data', async () => {
    await expect(ask({ category: 'ROBBERY', period: 'May 2021' })).rejects.toMatchObject({ code: 'NO_DATA' });
  });
});

describe('an official table beside the partial one', () => {
  beforeAll(async () => {
    // Hand-made, marked official: not provisional once every offence counted has a unit cost.
    const path = join(dir, 'unit_costs_2015-16_prices_test-official.csv');
    await writeFile(
      path,
      `${[
        'offence,cost_type,unit_cost_gbp_2015_16_prices,exactness,source_note',
        'Violence with injury,total economic and social cost per offence,15000,official,test table',
        'Violence without injury,total economic and social cost per offence,5000,official,test table',
        'Robbery,total economic and social cost per offence,12000,official,test table',
      ].join('\n')}\n`,
    );
    expect((await importForTest(t.database, path)).status).toBe('imported');
  });

  it('is preferred, and its figure is not provisional: 2 × £15,000 + 1 × £5,000 = £35,000', async () => {
    const r = await ask({ category: VAP });
    expect(r.figures[0]).toMatchObject({
      rate: 35_000,
      unitCostEdition: 'unit_costs_2015-16_prices_test-official',
      provisional: false,
    });
    expect(r.warnings.join(' ')).not.toMatch(/partial table|provisional/);
  });
});

describe('choosing the edition', () => {
  const row = (edition: string, price_year: string, provisional: boolean, batch_id: number) => ({
    edition,
    price_year,
    provisional,
    batch_id,
  });
  it('complete before partial, then the later price year, then the later import; never the alphabetical order', () => {
    expect(chooseEdition([row('b-partial', '2019/20', true, 9), row('a-official', '2015/16', false, 1)])).toBe(
      'a-official',
    );
    expect(chooseEdition([row('z', '2015/16', false, 1), row('a', '2019/20', false, 2)])).toBe('a');
    expect(chooseEdition([row('z', '2015/16', false, 1), row('a', '2015/16', false, 2)])).toBe('a');
    expect(
      chooseEdition([
        row('mixed', '2015/16', false, 3),
        row('mixed', '2015/16', true, 3),
        row('other', '2015/16', false, 1),
      ]),
    ).toBe('other');
    expect(chooseEdition([])).toBeUndefined();
  });
});
