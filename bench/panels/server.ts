/**
 * The app under load for bench/panels, in its own process (forked by index.ts): opens the database named by argv[2]
 * (a PostgreSQL URL, or a PGlite data folder), migrates, copies the panels in, creates five SYNTHETIC people who all
 * sit on MACE (one chairs it) and on one other panel each, twenty referrers and 45 other action owners, bulk-loads
 * the SYNTHETIC casework (bulkLoad.ts), times building the next MACE meeting's agenda three times, then listens on
 * loopback with a key file of its own (the app must open what the load sealed) and tells the parent over IPC.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import type { Role } from '../../src/auth/policy.ts';
import { actorOf, insertUser } from '../../src/auth/users.ts';
import { createDatabase } from '../../src/db/createDatabase.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import type { PanelRole } from '../../src/db/tables/panels.ts';
import { KeyRing } from '../../src/panels/crypto/keyRing.ts';
import { loadPanels, syncPanels } from '../../src/panels/loadPanels.ts';
import { buildPanelAgenda, createPanelMeeting } from '../../src/panels/panel/agenda.ts';
import { PASSWORD } from '../load/protocol.ts';
import { serveForBench } from '../load/serveForBench.ts';
import { loadCasework } from './bulkLoad.ts';
import type { PanelsServerReady } from './protocol.ts';

const CASES = Number(process.env.SAFER_BENCH_PANEL_CASES ?? 20_000);
const ACTIONS_PER_CASE = 10;
/** agency:role:MACE role:other panel. */
const PEOPLE = [
  'local_authority:partnership_manager:chair:young-adults',
  'police:analyst:member:marac',
  'health:analyst:member:marac',
  'youth_justice:analyst:member:young-adults',
  'probation:analyst:member:iom',
] as const;

const [target, clientCount] = process.argv.slice(2) as [string, string];
const database = await createDatabase(
  target.startsWith('postgres') ? { kind: 'postgres', url: target } : { kind: 'pglite', dataDir: target },
);
const db = database.db;
await migrateToLatest(db as unknown as Kysely<unknown>);
const started = Date.now();
const now = new Date();
await syncPanels(db, await loadPanels());
const members = [];
for (const [i, p] of PEOPLE.entries()) {
  const [agency, role, maceRole, other] = p.split(':') as [string, Role, PanelRole, string];
  const user = await insertUser(db, {
    email: `panels-${process.pid}-${i}@synthetic.test`,
    agency,
    role,
    password: PASSWORD,
  });
  members.push(actorOf(user));
  for (const [panel, r] of [
    ['mace', maceRole],
    [other, 'member'],
  ] as const)
    await db
      .insertInto('panel_member')
      .values({ panel_id: panel, user_id: user.id, agency, role: r, joined_on: '2020-01-01', added_by: 'bench' })
      .execute();
}
const referrers = [];
for (let i = 0; i < 20; i++)
  referrers.push(
    actorOf(
      await insertUser(db, {
        email: `referrer-${process.pid}-${i}@synthetic.test`,
        agency: ['health', 'local_authority', 'police', 'youth_justice'][i % 4]!,
        role: 'viewer',
        password: null,
      }),
    ),
  );
const owners = [...members];
for (let i = 0; i < 45; i++)
  owners.push(
    actorOf(
      await insertUser(db, {
        email: `practitioner-${process.pid}-${i}@synthetic.test`,
        agency: ['police', 'local_authority', 'health', 'youth_justice', 'probation'][i % 5]!,
        role: 'analyst',
        password: null,
      }),
    ),
  );
const ring = KeyRing.generate('bench-1');
const keyDir = mkdtempSync(join(tmpdir(), 'safer-bench-keys-'));
const keyFile = join(keyDir, 'case-keys.json');
writeFileSync(keyFile, ring.toJson(), { mode: 0o600 });
process.on('exit', () => rmSync(keyDir, { recursive: true, force: true }));
const loaded = await loadCasework(db, ring, {
  members,
  referrers,
  cases: CASES,
  actionsPerCase: ACTIONS_PER_CASE,
  now,
});
// Fresh statistics, as autovacuum would have them on a live system after a bulk load.
await sql`ANALYZE`.execute(db);
const chair = members[0]!;
const meetsOn = new Date(now.getTime() + 7 * 86_400_000).toISOString().slice(0, 10);
const { meetingId } = await createPanelMeeting(db, chair, 'mace', meetsOn, now);
const ms: number[] = [];
let counts = { escalation: 0, new: 0, review: 0 };
for (let i = 0; i < 3; i++) {
  const t0 = performance.now();
  counts = await buildPanelAgenda(db, chair, meetingId, now);
  ms.push(Math.round(performance.now() - t0));
}
const { sampleMace, ...figures } = loaded;
await serveForBench(
  database,
  members,
  Number(clientCount),
  {
    preparedSeconds: Math.round((Date.now() - started) / 1000),
    loaded: figures,
    agenda: { ms, counts },
    casePaths: sampleMace.map((id) => `/cases/${id}`),
  } satisfies Omit<PanelsServerReady, 'base' | 'accounts'>,
  { SAFER_CASE_KEY_FILE: keyFile },
);
