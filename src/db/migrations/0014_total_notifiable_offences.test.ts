import { readFileSync } from 'node:fs';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/createTestDb.ts';
import { importForTest } from '../../../test/importHelpers.ts';
import { tempDir } from '../../../test/tempFiles.ts';
import { loadDefinitions } from '../../analysis/loadDefinitions.ts';
import { runAnalysis } from '../../analysis/runAnalysis.ts';
import * as m0014 from './0014_total_notifiable_offences.ts';

let t: TestDb;
const files = tempDir();
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  files.cleanup();
  await t?.drop();
});

const tnoRows = async () =>
  (
    await sql<{ classification: string; major: string }>`
  SELECT classification, major FROM offence_category WHERE match_key = 'TOTAL NOTIFIABLE OFFENCES|' ORDER BY classification`.execute(
      t.database.db,
    )
  ).rows;
const db = () => t.database.db as unknown as Kysely<unknown>;

describe('migration 0014: total notifiable offences', () => {
  it('imports nothing but kysely and its statement runner, so it seeds the same rows whatever the catalogue becomes', () => {
    const source = readFileSync(new URL('./0014_total_notifiable_offences.ts', import.meta.url), 'utf8');
    expect([...source.matchAll(/from '([^']+)'/g)].map((m) => m[1])).toEqual(['kysely', './runStatements.ts']);
  });

  it('seeds one TNO entry per MPS classification, keyed as importers key categories; down removes them, up again is idempotent', async () => {
    expect(await tnoRows()).toEqual([
      { classification: 'ho_aligned', major: 'TOTAL NOTIFIABLE OFFENCES' },
      { classification: 'mps_old', major: 'Total Notifiable Offences' },
    ]);
    await m0014.down(db());
    expect(await tnoRows()).toEqual([]);
    await m0014.up(db());
    await m0014.up(db());
    expect(await tnoRows()).toHaveLength(2);
  });

  it('a publisher total line stored under TNO is not counted twice, and down keeps the entry its counts need', async () => {
    // By hand: the file holds robbery 5 and its own total line 5 for April 2015, so TNO is 5, not 10.
    const path = files.file(
      'with-total.csv',
      'MajorText,MinorText,BoroughName,201504\nROBBERY,ROBBERY OF PERSONAL PROPERTY,Tower Hamlets,5\nTOTAL NOTIFIABLE OFFENCES,,Tower Hamlets,5\n',
    );
    expect((await importForTest(t.database, path)).status).toBe('imported');
    const result = await runAnalysis(t.database.db, await loadDefinitions(), {
      category: 'total notifiable offences',
      area: 'E09000030',
      period: 'Apr 2015',
    });
    expect(result.figures[0]!.count).toBe(5);
    await m0014.down(db());
    expect(await tnoRows()).toEqual([{ classification: 'ho_aligned', major: 'TOTAL NOTIFIABLE OFFENCES' }]);
    await m0014.up(db());
    expect(await tnoRows()).toHaveLength(2);
  });
});
