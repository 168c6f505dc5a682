/**
 * The app under load for bench/delivery, in its own process (forked by index.ts) so the load generator never
 * shares its event loop: opens the database named by argv[2] (a PostgreSQL URL, or a PGlite data folder), migrates,
 * creates five people (one per agency, each role), syncs the starter indicators, seeds the SYNTHETIC delivery data
 * (seedDelivery.ts), listens on loopback and tells the parent over IPC; closes when the parent says "stop".
 */
import type { Kysely } from 'kysely';
import type { Role } from '../../src/auth/policy.ts';
import { insertUser } from '../../src/auth/users.ts';
import { createDatabase } from '../../src/db/createDatabase.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { currentIndicators } from '../../src/performance/store/indicatorStore.ts';
import { loadIndicatorSet } from '../../src/performance/store/indicatorSet.ts';
import { PASSWORD } from '../load/protocol.ts';
import { serveForBench } from '../load/serveForBench.ts';
import type { DeliveryServerReady } from './protocol.ts';
import { seedDelivery } from './seedDelivery.ts';

const PEOPLE = [
  'police:analyst',
  'local_authority:partnership_manager',
  'health:viewer',
  'probation:data_owner',
  'youth_justice:analyst',
] as const;

const [target, clientCount] = process.argv.slice(2) as [string, string];
const database = await createDatabase(
  target.startsWith('postgres') ? { kind: 'postgres', url: target } : { kind: 'pglite', dataDir: target },
);
await migrateToLatest(database.db as unknown as Kysely<unknown>);
const started = Date.now();
const users = [];
for (const [i, p] of PEOPLE.entries()) {
  const [agency, role] = p.split(':') as [string, Role];
  const user = await insertUser(database.db, {
    email: `delivery-${process.pid}-${i}@example.org`,
    agency,
    role,
    password: PASSWORD,
  });
  users.push({ id: user.id, email: user.email, agency });
}
await loadIndicatorSet(database.db);
const indicatorIds = (await currentIndicators(database.db)).map((s) => s.indicator.id);
const scale = await seedDelivery(database.db, users, indicatorIds);
const preparedSeconds = Math.round((Date.now() - started) / 1000);

await serveForBench(database, users, Number(clientCount), { preparedSeconds, scale } satisfies Omit<
  DeliveryServerReady,
  'base' | 'accounts'
>);
