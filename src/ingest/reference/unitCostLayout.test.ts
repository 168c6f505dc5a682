import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listUnitCosts } from '../../db/repositories/reference.ts';
import { createTestDb, type TestDb } from '../../../test/createTestDb.ts';
import { importForTest } from '../../../test/importHelpers.ts';
import { testData } from '../../../test/sharedData.ts';
import { tempDir } from '../../../test/tempFiles.ts';

let t: TestDb;
const tmp = tempDir('safer-unit-costs-');
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  tmp.cleanup();
  await t?.drop();
});

const PARTIAL = 'unit_costs_2015-16_prices_PARTIAL';

describe('unit costs of crime', () => {
  // The real file has quotes inside an unquoted cell on line 2, `rounded in secondary source ("£3.2m")`;
  // the CSV splitter keeps them as literal characters (csv-parse's relax_quotes rule).
  it('imports the real placeholder file as it is published, every row provisional', async () => {
    const r = await importForTest(t.database, testData(`costs-of-crime/${PARTIAL}.csv`));
    expect(r).toMatchObject({ status: 'imported', rows: 15 });
    const costs = await listUnitCosts(t.database.db, PARTIAL);
    expect(
      costs.find((c) => c.offence === 'Homicide' && c.cost_type === 'total economic and social cost per offence'),
    ).toMatchObject({ value: 3200000, exactness: 'rounded in secondary source ("£3.2m")', provisional: true });
  });

  it('loads the partial placeholder (its one bare-quoted cell quoted) with every row flagged provisional, in 2015/16 prices', async () => {
    const real = readFileSync(testData(`costs-of-crime/${PARTIAL}.csv`), 'utf8');
    const path = tmp.file(
      `${PARTIAL}.csv`,
      real.replace('rounded in secondary source ("£3.2m")', '"rounded in secondary source (""£3.2m"")"'),
    );
    const r = await importForTest(t.database, path);
    expect(r.status).toBe('imported');
    expect(r.format).toBe('unit-costs-of-crime');
    const costs = await listUnitCosts(t.database.db, PARTIAL);
    // 15 data rows (wc -l minus the header); the README says they are a secondary source, not the official table.
    expect(costs).toHaveLength(15);
    expect(costs.every((c) => c.provisional && c.price_year === '2015/16')).toBe(true);
    const homicide = costs.find(
      (c) => c.offence === 'Homicide' && c.cost_type === 'total economic and social cost per offence',
    );
    expect(homicide).toMatchObject({ value: 3200000, exactness: 'rounded in secondary source ("£3.2m")' });
    // Other figures as printed in the file, e.g. Rape police cost 6,360.
    expect(costs.find((c) => c.offence === 'Rape' && c.cost_type === 'police cost per offence')?.value).toBe(6360);
  });

  /*
   * The CSV spellings a hand-kept table uses, each in a copy of the real file: the splitter every CSV import
   * uses (csvSplitter.ts) reads them as written, so the unit-cost table needs no reader of its own. Expected
   * values from python3's csv module over the real file.
   */
  describe('read by the splitter every CSV import uses', () => {
    const real = () => readFileSync(testData(`costs-of-crime/${PARTIAL}.csv`), 'utf8');
    const RAPE = 'Rape,total economic and social cost per offence,39360,as quoted,same article';

    it('CRLF line ends and no final newline: every row, values without a stray CR', async () => {
      const path = tmp.file('unit_costs_crlf_PARTIAL.csv', real().trimEnd().replaceAll('\n', '\r\n'));
      const r = await importForTest(t.database, path);
      expect(r).toMatchObject({ status: 'imported', rows: 15, imported: 15 });
      const costs = await listUnitCosts(t.database.db, 'unit_costs_crlf_PARTIAL');
      // python3: the 15 values add up to 4,432,300; the last line (no newline after it) is Homicide's prison cost.
      expect(costs.reduce((sum, c) => sum + c.value, 0)).toBe(4432300);
      expect(costs.find((c) => c.cost_type === 'of which prison service')).toMatchObject({
        offence: 'Homicide',
        value: 318240,
        exactness: 'as quoted',
        source_note: 'same article',
      });
      expect(costs.filter((c) => /\r/.test(`${c.offence}${c.cost_type}${c.exactness}${c.source_note}`))).toEqual([]);
    });

    it('a quoted cell keeps its commas and doubled quotes; an empty cell is empty', async () => {
      const path = tmp.file(
        'unit_costs_quoted_PARTIAL.csv',
        real().replace(RAPE, 'Rape,total economic and social cost per offence,39360,,"same article, as ""quoted"""'),
      );
      const r = await importForTest(t.database, path);
      expect(r).toMatchObject({ status: 'imported', rows: 15 });
      const rape = (await listUnitCosts(t.database.db, 'unit_costs_quoted_PARTIAL')).find(
        (c) => c.offence === 'Rape' && c.cost_type === 'total economic and social cost per offence',
      );
      expect(rape).toMatchObject({ value: 39360, exactness: '', source_note: 'same article, as "quoted"' });
    });

    it('numbers problems by the line a record starts on, past a quoted cell holding a newline', async () => {
      // Homicide's note (line 2) quoted and broken over two lines; the Rape row, now starting on line 4, loses its offence.
      const path = tmp.file(
        'unit_costs_newline_PARTIAL.csv',
        real()
          .replace('South Wales Echo 2019-08-02 article quoting', '"South Wales Echo 2019-08-02 article\nquoting')
          .replace('(Heeks et al. 2018)', '(Heeks et al. 2018)"')
          .replace(RAPE, RAPE.replace(/^Rape/, '')),
      );
      const r = await importForTest(t.database, path);
      expect(r.status).toBe('rejected');
      expect(r.errors).toEqual([{ line: 4, column: 'offence', value: '', message: 'the offence is blank' }]);
    });

    it('a row with a cell missing is refused, naming its line', async () => {
      const path = tmp.file('unit_costs_short_PARTIAL.csv', real().replace(RAPE, RAPE.replace(/,same article$/, '')));
      const r = await importForTest(t.database, path);
      expect(r.status).toBe('rejected');
      expect(r.errors).toMatchObject([{ line: 3 }]);
      expect(r.message).toMatch(/different number of cells/);
    });
  });

  it('an official edition sits beside it, not provisional; a corrected file of the same edition replaces it whole', async () => {
    const header = 'offence,cost_type,unit_cost_gbp_2015_16_prices,exactness,source_note\n';
    const official = tmp.file(
      'ho_rr99_table1.csv',
      `${header}Robbery,total economic and social cost per offence,11320,official,Table 1\n`,
    );
    expect((await importForTest(t.database, official)).status).toBe('imported');
    expect(await listUnitCosts(t.database.db, 'ho_rr99_table1')).toMatchObject([
      { offence: 'Robbery', provisional: false },
    ]);
    const corrected = tmp.file(
      'ho_rr99_table1.csv',
      `${header}Robbery,total economic and social cost per offence,11330,official,Table 1 (corrected)\nRape,total economic and social cost per offence,39360,official,Table 1\n`,
    );
    const r = await importForTest(t.database, corrected);
    expect(r).toMatchObject({ status: 'imported', imported: 2, replaced: 1 });
    expect((await listUnitCosts(t.database.db, 'ho_rr99_table1')).map((c) => [c.offence, c.value])).toEqual([
      ['Rape', 39360],
      ['Robbery', 11330],
    ]);
    expect(await listUnitCosts(t.database.db, PARTIAL)).toHaveLength(15);
  });
});
