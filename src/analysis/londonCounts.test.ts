import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../db/schema.ts';
import { StatementCounter } from '../http/testing/statementCounter.ts';
import { createTestDb, type TestDb } from '../../test/createTestDb.ts';
import { importCityOfLondonMonth } from './testing/cityOfLondonMonths.ts';
import { LONDON, type TargetArea } from './areas.ts';
import { type CountQuery, countByMonth } from './counts.ts';
import { withDataVersion } from './dataVersion.ts';

/*
 * London-wide counts are asked once per data version inside a request's scope (counts.ts), an area's every time.
 * Data: real police.uk street files of City of London Police (test-data/police-uk/city-of-london), one month each:
 * 2010-12 first, then 2011-01. Every record counts (the filter is `true`), so London's months are those imported.
 */
let t: TestDb;
let db: Kysely<DB>;
const counter = new StatementCounter();
const london: TargetArea = { code: LONDON, name: 'London', type: 'region', parentCode: null };
const city: TargetArea = { code: 'E09000001', name: 'City of London', type: 'borough', parentCode: LONDON };
const ask = (target: TargetArea): CountQuery => ({
  spec: { source: 'police-uk-street', filter: sql<boolean>`true`, counts: 'offences', caveats: [] },
  target,
  from: '2010-01',
  to: '2011-12',
  groupBy: 'none',
});
const months = (rows: { month: string }[]) => rows.map((r) => r.month).sort();

beforeAll(async () => {
  t = await createTestDb();
  db = t.database.db.withPlugin(counter);
  await importCityOfLondonMonth(t, '2010-12');
}, 300_000);
afterAll(async () => t?.drop());

describe('London-wide counts within a data-version scope', () => {
  it('asks London once per scope and version, an area every time, with the same rows as outside a scope', async () => {
    const outside = await countByMonth(db, ask(london));
    expect(months(outside)).toEqual(['2010-12']);
    expect(outside[0]!.count).toBeGreaterThan(0);
    await withDataVersion(db, async () => {
      let first: Awaited<ReturnType<typeof countByMonth>> = [];
      // The data version and London's count; then nothing: the second answer comes from the memo.
      expect(await counter.countOf(async () => (first = await countByMonth(db, ask(london))))).toBe(2);
      first[0]!.count = -1; // a caller changing its rows changes no one else's
      let again: typeof first = [];
      expect(await counter.countOf(async () => (again = await countByMonth(db, ask(london))))).toBe(0);
      expect(again).toEqual(outside);
      // City of London Police's records fall in the City and its neighbours, so the City's count is a part of
      // London's; an area's counts are asked every time.
      let cityRows: typeof first = [];
      expect(await counter.countOf(async () => (cityRows = await countByMonth(db, ask(city))))).toBe(1);
      expect(cityRows[0]!.count).toBeLessThan(outside[0]!.count);
      expect(await counter.countOf(() => countByMonth(db, ask(city)))).toBe(1);
    });
  });

  it('asks afresh once an import changed the data version', async () => {
    await withDataVersion(db, () => countByMonth(db, ask(london)));
    await importCityOfLondonMonth(t, '2011-01');
    const after = await withDataVersion(db, () => countByMonth(db, ask(london)));
    expect(months(after)).toEqual(['2010-12', '2011-01']);
  });
});
