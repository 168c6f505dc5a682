/**
 * One reader, one request at a time: loads the bench's casework into a scratch PostgreSQL database and times a case
 * record and "my cases" as store calls, to see where a page's time goes without 50
 * clients queueing; then each 50 calls at a time, to see which of them queues. `node bin/run-ts.js bench/panels/profileOnce.ts`; SAFER_BENCH_PANEL_CASES (default 20000).
 */
import { type Kysely, sql } from 'kysely';
import type { Actor, Role } from '../../src/auth/policy.ts';
import { actorOf, insertUser } from '../../src/auth/users.ts';
import { createDatabase } from '../../src/db/createDatabase.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { KeyRing } from '../../src/panels/crypto/keyRing.ts';
import { loadPanels, syncPanels } from '../../src/panels/loadPanels.ts';
import { recordCaseRead } from '../../src/panels/access/caseAccess.ts';
import { caseRecord } from '../../src/panels/cases/caseRecord.ts';
import { myCases } from '../../src/panels/cases/myCases.ts';
import { withScratchPostgres } from '../load/scratchPostgres.ts';
import { loadCasework } from './bulkLoad.ts';

const CASES = Number(process.env.SAFER_BENCH_PANEL_CASES ?? 20_000);

await withScratchPostgres(async (create) => {
  const url = await create();
  const database = await createDatabase({ kind: 'postgres', url });
  const db = database.db;
  await migrateToLatest(db as unknown as Kysely<unknown>);
  await syncPanels(db, await loadPanels());
  const members: Actor[] = [];
  for (const [i, agency] of ['local_authority', 'police', 'health'].entries()) {
    const u = await insertUser(db, { email: `p${i}@synthetic.test`, agency, role: 'analyst' as Role, password: null });
    members.push(actorOf(u));
    await db
      .insertInto('panel_member')
      .values({ panel_id: 'mace', user_id: u.id, agency, role: 'member', joined_on: '2020-01-01', added_by: 'bench' })
      .execute();
  }
  const ring = KeyRing.generate('p');
  const now = new Date();
  const loaded = await loadCasework(db, ring, { members, referrers: members, cases: CASES, actionsPerCase: 10, now });
  await sql`ANALYZE`.execute(db);
  for (const round of [1, 2, 3]) {
    for (const [name, work] of [
      ['caseRecord', () => caseRecord(database.db, ring, members[1]!, loaded.sampleMace[0]!, now)],
      ['myCases', () => myCases(database.db, members[1]!, now, 1)],
    ] as const) {
      const t0 = performance.now();
      await work();
      console.log(`round ${round} ${name}: ${Math.round(performance.now() - t0)} ms`);
    }
  }
  // Then 200 calls, 50 at a time: calls per second with the pool and the audit chain's lock shared.
  const access = (await caseRecord(database.db, ring, members[1]!, loaded.sampleMace[0]!, now))!.access;
  for (const [name, work] of [
    ['caseRecord', (i: number) => caseRecord(database.db, ring, members[i % 3]!, loaded.sampleMace[i % 6]!, now)],
    ['recordCaseRead', (_i: number) => recordCaseRead(database.db, members[1]!, access, 'page', undefined, now)],
    ['myCases', (i: number) => myCases(database.db, members[i % 3]!, now, 1)],
  ] as const) {
    const t0 = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 50 }, async () => {
        while (next < 200) await work(next++);
      }),
    );
    const s = (performance.now() - t0) / 1000;
    console.log(`50 at a time, ${name}: ${Math.round(200 / s)} calls/s (${Math.round((s * 1000) / 200)} ms each)`);
  }
  await database.close();
});
