import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/createTestDb.ts';
import { CLI_ACTOR, rowCounts, SEED_000, SEED_001, seedText } from '../testing/deliveryCounts.ts';
import { importPlan } from './importPlan.ts';
import type { PlanImportKind } from './readPlanFile.ts';

/* Files that are not what they claim: each refused with the file and line named, and nothing written. */

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
}, 60_000);
afterAll(async () => t?.drop());

const refused = async (fileName: string, text: string | Uint8Array, kind: PlanImportKind) => {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  const before = await rowCounts(t.database.db);
  const error = await importPlan(t.database.db, CLI_ACTOR, { fileName, bytes, kind }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(await rowCounts(t.database.db)).toEqual(before);
  return error instanceof Error ? error.message : String(error);
};

describe('importing a bad plan file', () => {
  it('refuses an empty file', async () => {
    expect(await refused('empty.txt', '\n  \n', 'vru-return')).toBe('empty.txt, line 1: the file is empty');
    expect(await refused('empty.txt', '', 'recommendations')).toBe('empty.txt, line 1: the file is empty');
  });

  it('refuses a file of the wrong kind', async () => {
    expect(await refused('sna.txt', seedText(SEED_000), 'vru-return')).toBe(
      'sna.txt, line 1: no VRU action table found: expected header rows "Theme, Action No, …"',
    );
    expect(await refused('vru.txt', seedText(SEED_001), 'recommendations')).toMatch(
      /^vru\.txt, line 1: no recommendations list found: expected a "Recommendations" heading/,
    );
  });

  it('refuses a table row it cannot read, naming its line', async () => {
    const lines = seedText(SEED_001).split('\n');
    lines[8] = `${lines[8]}\textra cell\tanother\tand another`;
    expect(await refused('broken.txt', lines.join('\n'), 'vru-return')).toBe(
      'broken.txt, line 9: cannot read this row: 7 cells where the table has 4',
    );
  });

  it('refuses a theme heading with no actions under it', async () => {
    const text = 'Plan - 2024\nRef\t\t\t\nTheme\tAction No\tNew wording\tUpdate\n1. GOVERNANCE\t\t\t\n';
    expect(await refused('headings.txt', text, 'vru-return')).toBe(
      'headings.txt, line 4: theme "1. GOVERNANCE" has no actions',
    );
  });

  it('refuses bytes that are not UTF-8, naming the line', async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('Recommendations\n1. Fine\n2. Caf'), 0xe9, 0x0a]);
    expect(await refused('latin1.txt', bytes, 'recommendations')).toBe(
      'latin1.txt, line 3: not UTF-8 text: save the document as UTF-8 text and import it again',
    );
  });

  it('refuses a later round into a plan of another kind', async () => {
    const created = await importPlan(t.database.db, CLI_ACTOR, {
      fileName: 'list.txt',
      bytes: new TextEncoder().encode('Recommendations\n\nGroup one\n1. Do a thing.\n'),
      kind: 'recommendations',
    });
    expect(created.outcome).toBe('created');
    const before = await rowCounts(t.database.db);
    const error = await importPlan(t.database.db, CLI_ACTOR, {
      fileName: 'vru.txt',
      bytes: new TextEncoder().encode(seedText(SEED_001)),
      kind: 'vru-return',
      planId: created.planId,
    }).catch((e: Error) => e.message);
    expect(await rowCounts(t.database.db)).toEqual(before);
    expect(error).toBe(`vru.txt: plan ${created.planId} is a recommendations plan, not vru-return`);
  });

  it('rolls back everything when the database fails part-way through (one transaction)', async () => {
    const db = t.database.db;
    // A test-only trigger makes the first update row fail, after the plan, its import, themes and items are written.
    await sql`CREATE FUNCTION test_fail_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'disk full (test)'; END $$`.execute(db);
    await sql`CREATE TRIGGER test_fail BEFORE INSERT ON plan_item_update FOR EACH ROW EXECUTE FUNCTION test_fail_update()`.execute(
      db,
    );
    try {
      expect(await refused('seed-001.txt', seedText(SEED_001), 'vru-return')).toMatch(/disk full \(test\)/);
    } finally {
      await sql`DROP TRIGGER test_fail ON plan_item_update`.execute(db);
      await sql`DROP FUNCTION test_fail_update()`.execute(db);
    }
  });
});
