import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../db/schema.ts';
import { StatementCounter } from '../http/testing/statementCounter.ts';
import { createTestDb, type TestDb } from '../../test/createTestDb.ts';
import { importCityOfLondonMonth } from './testing/cityOfLondonMonths.ts';
import { LONDON, resolveArea, type TargetArea } from './areas.ts';
import { coveredMonths } from './counts.ts';
import { dataVersion, withDataVersion } from './dataVersion.ts';
import { REFERENCE_MEMO_ENTRIES, remembered } from './referenceMemo.ts';

/*
 * Reference lookups remembered per database and data version, and the data version read once per scope. The
 * imports are two real police.uk monthly street files of City of London Police (test-data/police-uk/city-of-london),
 * whose rows all carry one month each: 2010-12 and 2011-01.
 */
let t: TestDb;
let db: Kysely<DB>;
const counter = new StatementCounter();

beforeAll(async () => {
  t = await createTestDb();
  db = t.database.db.withPlugin(counter);
  await importCityOfLondonMonth(t, '2010-12');
}, 300_000);
afterAll(async () => t?.drop());

/** A lookup that counts how often it ran and answers a fresh object each time. */
function countedLookup(answer = 'answer') {
  const lookup = async () => {
    lookup.runs += 1;
    return { answer, runs: lookup.runs };
  };
  lookup.runs = 0;
  return lookup;
}

describe('dataVersion and withDataVersion', () => {
  it('reads the version once per scope, and on every call outside one', async () => {
    const outside = await counter.countOf(async () => {
      await dataVersion(db);
      await dataVersion(db);
    });
    expect(outside).toBe(2);
    const inside = await counter.countOf(() =>
      withDataVersion(db, async () => {
        const [a, b] = await Promise.all([dataVersion(db), dataVersion(db)]);
        expect(b).toBe(a);
        await withDataVersion(db, () => dataVersion(db)); // a nested scope joins the open one
      }),
    );
    expect(inside).toBe(1);
  });

  it('does not share a scope with another database object', async () => {
    const other = t.database.db.withPlugin(new StatementCounter());
    const count = await counter.countOf(() => withDataVersion(other, () => dataVersion(db)));
    expect(count).toBe(1);
  });
});

describe('remembered', () => {
  it('runs the lookup every time outside a data-version scope', async () => {
    const lookup = countedLookup();
    await remembered(db, 'test', 'outside', lookup);
    await remembered(db, 'test', 'outside', lookup);
    expect(lookup.runs).toBe(2);
  });

  it('asks once per key within a version, concurrent callers sharing one lookup, each given its own copy', async () => {
    const lookup = countedLookup();
    await withDataVersion(db, async () => {
      const [a, b] = await Promise.all([
        remembered(db, 'test', 'shared', lookup),
        remembered(db, 'test', 'shared', lookup),
      ]);
      expect(a).toEqual({ answer: 'answer', runs: 1 });
      a.answer = 'changed by a caller';
      expect(b.answer).toBe('answer');
    });
    await withDataVersion(db, async () => {
      expect(await remembered(db, 'test', 'shared', lookup)).toEqual({ answer: 'answer', runs: 1 });
      await remembered(db, 'test', 'another key', lookup);
      await remembered(db, 'another kind', 'shared', lookup);
    });
    expect(lookup.runs).toBe(3);
  });

  it('forgets a failed lookup, so the next caller asks again', async () => {
    let runs = 0;
    const flaky = async () => {
      runs += 1;
      if (runs === 1) throw new Error('connection reset');
      return runs;
    };
    await withDataVersion(db, async () => {
      await expect(remembered(db, 'test', 'flaky', flaky)).rejects.toThrow('connection reset');
      expect(await remembered(db, 'test', 'flaky', flaky)).toBe(2);
      expect(await remembered(db, 'test', 'flaky', flaky)).toBe(2);
    });
    expect(runs).toBe(2);
  });

  it(`keeps at most ${REFERENCE_MEMO_ENTRIES} answers per database, dropping the least recently used`, async () => {
    const lookup = countedLookup();
    await withDataVersion(db, async () => {
      await remembered(db, 'cap', 'first', lookup);
      await remembered(db, 'cap', 'second', lookup);
      for (let i = 0; i < REFERENCE_MEMO_ENTRIES - 1; i++) {
        await remembered(db, 'cap filler', String(i), async () => i);
        if (i === 0) await remembered(db, 'cap', 'second', lookup); // used again: now newer than 'first'
      }
      expect(lookup.runs).toBe(2);
      await remembered(db, 'cap', 'second', lookup);
      expect(lookup.runs).toBe(2);
      await remembered(db, 'cap', 'first', lookup);
      expect(lookup.runs).toBe(3);
    });
  });
});

describe('after an import', () => {
  const CITY: TargetArea = { code: 'E09000001', name: 'City of London', type: 'borough', parentCode: LONDON };
  const covered = () =>
    withDataVersion(db, async () => {
      const q = {
        spec: {
          source: 'police-uk-street' as const,
          filter: sql<boolean>`true`,
          counts: 'offences' as const,
          caveats: [],
        },
        target: CITY,
        from: '2010-12',
        to: '2011-02',
      };
      const first = await coveredMonths(db, q);
      const again = await counter.countOf(() => coveredMonths(db, q));
      expect(again).toBe(0); // remembered within the version
      return [...first].sort();
    });

  it('answers afresh: the months a source covers grow with the import, the area is found as before', async () => {
    expect(await covered()).toEqual(['2010-12']);
    const before = await withDataVersion(db, () => dataVersion(db));
    await importCityOfLondonMonth(t, '2011-01');
    expect(await withDataVersion(db, () => dataVersion(db))).not.toBe(before);
    expect(await covered()).toEqual(['2010-12', '2011-01']);
    const area = await withDataVersion(db, () => resolveArea(db, 'city of london'));
    expect(area).toEqual({ code: 'E09000001', name: 'City of London', type: 'borough', parentCode: LONDON });
  }, 300_000);
});
