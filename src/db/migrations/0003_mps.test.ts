import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/createTestDb.ts';
import { boroughCodesByName } from '../repositories/areas.ts';
import seed from './0003_mps.seed.json' with { type: 'json' };

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t?.drop());

/** The relation stored between two categories, looked up by hand-written names. */
async function relation(from: [string, string, string], to: [string, string, string]): Promise<string | null> {
  const { rows } = await sql<{ relation: string }>`
    SELECT m.relation FROM offence_mapping m
    JOIN offence_category f ON f.id = m.from_category_id JOIN offence_category t ON t.id = m.to_category_id
    WHERE f.classification = ${from[0]} AND upper(f.major) = upper(${from[1]}) AND upper(f.minor) = upper(${from[2]})
      AND t.classification = ${to[0]} AND upper(t.major) = upper(${to[1]}) AND upper(t.minor) = upper(${to[2]})`.execute(
    t.database.db,
  );
  return rows[0]?.relation ?? null;
}

describe('migration 0003: offence catalogue', () => {
  it('seeds every category of its frozen catalogue, keyed as importers look them up', async () => {
    const { rows } = await sql<{ classification: string; n: number }>`
      SELECT classification, count(*)::int8 AS n FROM offence_category WHERE match_key <> 'TOTAL NOTIFIABLE OFFENCES|'
      GROUP BY classification ORDER BY classification`.execute(t.database.db);
    // Counted by hand from 0003_mps.seed.json (as from offenceCatalogue.json when 0003 was written): 33 minors +
    // 9 groups old, 35 + 13 aligned, 5 dashboard, 16 police.uk; 111 in all.
    // (Migration 0014's total notifiable offences entries are left out here; its own test counts them.)
    expect(rows.map((r) => [r.classification, Number(r.n)])).toEqual([
      ['ho_aligned', 48],
      ['mps_dashboard', 5],
      ['mps_old', 42],
      ['police_uk', 16],
    ]);
    const key = await t.database.db
      .selectFrom('offence_category')
      .select('match_key')
      .where('classification', '=', 'mps_old')
      .where('minor', '=', 'Wounding/GBH')
      .executeTakeFirstOrThrow();
    expect(key.match_key).toBe('VIOLENCE AGAINST THE PERSON|WOUNDING/GBH');
  });

  it('seeds exactly the rows of its frozen copy (0003_mps.seed.json), whatever the live catalogue becomes', async () => {
    const categories = await t.database.db
      .selectFrom('offence_category')
      .select(['classification', 'major', 'minor', 'match_key'])
      .where('match_key', '<>', 'TOTAL NOTIFIABLE OFFENCES|')
      .execute();
    const mappings = await t.database.db
      .selectFrom('offence_mapping as m')
      .innerJoin('offence_category as f', 'f.id', 'm.from_category_id')
      .innerJoin('offence_category as c', 'c.id', 'm.to_category_id')
      .select([
        'f.classification as fc',
        'f.match_key as fk',
        'm.relation',
        'c.classification as tc',
        'c.match_key as tk',
      ])
      .execute();
    const sorted = (rows: string[][]) => rows.map((r) => JSON.stringify(r)).sort();
    // 111 categories and 74 mappings (36 equivalent, 16 narrower, 14 overlaps, 8 broader), counted in the file.
    expect(categories).toHaveLength(111);
    expect(mappings).toHaveLength(74);
    expect(sorted(categories.map((c) => [c.classification, c.major, c.minor, c.match_key]))).toEqual(
      sorted(seed.categories),
    );
    expect(sorted(mappings.map((m) => [m.fc, m.fk, m.relation, m.tc, m.tk]))).toEqual(sorted(seed.mappings));
    expect(mappings.filter((m) => m.relation === 'equivalent')).toHaveLength(36);
  });

  it.each([
    [
      ['mps_old', 'Violence Against the Person', 'Wounding/GBH'],
      'narrower',
      ['ho_aligned', 'VIOLENCE AGAINST THE PERSON', 'VIOLENCE WITH INJURY'],
    ],
    [
      ['mps_old', 'Violence Against the Person', 'Common Assault'],
      'narrower',
      ['ho_aligned', 'VIOLENCE AGAINST THE PERSON', 'VIOLENCE WITHOUT INJURY'],
    ],
    [['mps_old', 'Theft and Handling', 'Theft From Shops'], 'equivalent', ['ho_aligned', 'THEFT', 'SHOPLIFTING']],
    [['police_uk', 'Violent crime', ''], 'equivalent', ['police_uk', 'Violence and sexual offences', '']],
    [['police_uk', 'Public disorder and weapons', ''], 'broader', ['police_uk', 'Possession of weapons', '']],
    [['police_uk', 'Burglary', ''], 'equivalent', ['ho_aligned', 'BURGLARY', '']],
    [['police_uk', 'Violence and sexual offences', ''], 'broader', ['ho_aligned', 'SEXUAL OFFENCES', '']],
  ] as const)('maps %j as %s %j', async (from, rel, to) => {
    expect(await relation([...from], [...to])).toBe(rel);
  });

  it('has no mapping where none exists (anti-social behaviour is not a crime category)', async () => {
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int8 AS n FROM offence_mapping m JOIN offence_category c ON c.id IN (m.from_category_id, m.to_category_id)
      WHERE c.major = 'Anti-social behaviour'`.execute(t.database.db);
    expect(Number(rows[0]?.n)).toBe(0);
  });
});

describe('migration 0003: MPS area names', () => {
  it.each([
    ['city of westminster', 'E09000033'],
    ['heathrow', 'MPS-SO18'],
    ['non met police force', 'MPS-NON-MET'],
    ['other', 'MPS-OTHER'],
    ['n/k', 'MPS-UNKNOWN'],
  ])('knows "%s" as %s', async (name, code) => {
    expect((await boroughCodesByName(t.database.db)).get(name)).toBe(code);
  });
});
