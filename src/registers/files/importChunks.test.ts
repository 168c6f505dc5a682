import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { saveEntry } from '../entryStore.ts';
import { createRegisterFixture, POINTS, type RegisterFixture } from '../testing/registerTestDb.ts';
import { importRegisterFile } from './importRegisterFile.ts';
import { type Row, writeCsvFile } from './testing/sampleFiles.ts';

/*
 * Files longer than one COPY chunk (5,000 entries): the import writes chunks while it reads the rest, so a problem
 * or a stored duplicate found late must still leave nothing written, and every entry gets one version row.
 * SYNTHETIC weapon sweeps at a real Whitechapel point; "today" is fixed.
 */
const NOW = new Date('2026-03-31T12:00:00Z');
const ROWS = 12_000;
let f: RegisterFixture;
let dir: string;
beforeAll(async () => {
  f = await createRegisterFixture(NOW);
  dir = await mkdtemp(join(tmpdir(), 'safer-register-chunks-'));
}, 120_000);
afterAll(async () => {
  await f?.t.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Sweep i of a file: a distinct location each, so no two rows are the same sweep. */
const sweep = (tag: string, i: number, over: Row = {}): Row => ({
  swept_on: '2026-03-02',
  location: `SYNTHETIC ${tag} bin store ${i}`,
  team: 'SNT',
  'items.knife': String(i % 3),
  'items.bladed article': '0',
  'items.firearm': '0',
  'items.other': '1',
  ...POINTS.whitechapel,
  lsoa: '',
  ward: '',
  ...over,
});
const sweeps = (tag: string) => Array.from({ length: ROWS }, (_, i) => sweep(tag, i));

const count = async (sql: 'entries' | 'versions' | 'imports') => {
  const table = { entries: 'register_entry', versions: 'register_entry_version', imports: 'register_import' } as const;
  const r = await f.db
    .selectFrom(table[sql])
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
};
const counts = async () => [await count('entries'), await count('versions'), await count('imports')];
const importAs = (database: Database, path: string) =>
  importRegisterFile(database, f.ctx, f.people.policeAnalyst, 'weapon-sweeps', path);

describe('a file longer than one COPY chunk', () => {
  it('a problem on the last line leaves nothing of the chunks already copied', async () => {
    const rows = sweeps('late-problem');
    rows[ROWS - 1] = sweep('late-problem', ROWS - 1, { 'items.knife': 'two' });
    const before = await counts();
    const r = await importAs(f.t.database, await writeCsvFile(dir, 'late-problem.csv', rows));
    expect(r.status).toBe('rejected');
    expect(r.problems).toEqual([
      { line: ROWS + 1, column: 'items.knife', message: 'Items found: enter a whole number' },
    ]);
    expect(await counts()).toEqual(before);
  });

  it('a duplicate of a stored entry after the first chunk is named at its line, and nothing is written', async () => {
    const rows = sweeps('late-duplicate');
    const stored = await saveEntry(f.db, f.ctx, f.people.councilAnalyst, 'weapon-sweeps', rows[9_000]!, {
      submit: true,
    });
    const before = await counts();
    const r = await importAs(f.t.database, await writeCsvFile(dir, 'late-duplicate.csv', rows));
    expect(r.status).toBe('rejected');
    expect(r.problems).toEqual([
      { line: 9_002, column: 'swept_on', message: `this weapon sweep is already recorded as ${stored.reference}` },
    ]);
    expect(r.totalProblems).toBe(1);
    expect(await counts()).toEqual(before);
  });

  it('imports every row, each entry with one version row, and counts them on the import', async () => {
    const before = await counts();
    const r = await importAs(f.t.database, await writeCsvFile(dir, 'whole.csv', sweeps('whole')));
    expect(r).toMatchObject({ status: 'imported', rows: ROWS, problems: [] });
    expect(await counts()).toEqual([before[0]! + ROWS, before[1]! + ROWS, before[2]! + 1]);
    const imp = await f.db
      .selectFrom('register_import')
      .select('row_count')
      .where('id', '=', r.importId!)
      .executeTakeFirstOrThrow();
    expect(imp.row_count).toBe(ROWS);
    // Each entry's one version holds what the entry holds; knives 0, 1, 2 in turn, so 12,000 sweeps found 12,000.
    const sums = await f.db
      .selectFrom('register_entry as e')
      .innerJoin('register_entry_version as v', 'v.entry_id', 'e.id')
      .select((eb) => [
        eb.fn.countAll<string>().as('n'),
        eb.fn.count<string>('e.id').distinct().as('entries'),
        sql<string>`sum((v.data -> 'items' ->> 'knife')::integer)`.as('knives'),
      ])
      .where('e.import_id', '=', r.importId!)
      .where('v.change', '=', 'imported')
      .executeTakeFirstOrThrow();
    expect([sums.n, sums.entries, sums.knives].map(Number)).toEqual([ROWS, ROWS, ROWS]);
  });
});
