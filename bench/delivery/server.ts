/**
 * The app under load for bench/delivery, in its own process (forked by index.ts) so the load generator never
 * shares its event loop: opens the database named by argv[2] (a PostgreSQL URL, or a PGlite data folder), migrates,
 * creates five people (one per agency, each role), syncs the starter indicators, seeds the SYNTHETIC delivery data
 * (seedDelivery.ts), listens on loopback and tells the parent over IPC; closes when the parent says "stop".
 */
import type { AddressInfo } from 'node:net';
import type { Kysely } from 'kysely';
import { createApp } from '../../src/app.ts';
import { createApiToken } from '../../src/auth/apiTokens.ts';
import type { Role } from '../../src/auth/policy.ts';
import { insertUser } from '../../src/auth/users.ts';
import { loadConfig } from '../../src/config.ts';
import { createDatabase } from '../../src/db/createDatabase.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { currentIndicators } from '../../src/performance/store/indicatorStore.ts';
import { loadIndicatorSet } from '../../src/performance/store/indicatorSet.ts';
import { services } from '../../src/services.ts';
import { PASSWORD } from '../load/protocol.ts';
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

const config = loadConfig({
  NODE_ENV: 'test',
  SAFER_RATE_LIMIT_PER_MINUTE: '10000000',
  SAFER_SIGN_IN_LIMIT_PER_MINUTE: '10000',
});
const app = await createApp(services({ config, database }));
await app.listen({ port: 0, host: '127.0.0.1' });
const accounts = [];
for (let i = 0; i < Number(clientCount); i++) {
  const user = users[i % users.length]!;
  accounts.push({
    email: user.email,
    token: (await createApiToken(database.db, { userId: user.id, name: 'bench', scope: 'read' })).token,
  });
}
const ready: DeliveryServerReady = {
  base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
  accounts,
  preparedSeconds,
  scale,
};
process.send!(ready);
process.on('message', async (message) => {
  if (message !== 'stop') return;
  await app.close();
  await database.close();
  process.exit(0);
});
