import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Kysely } from 'kysely';
import { createApp } from '../../src/app.ts';
import { insertUser } from '../../src/auth/users.ts';
import { loadConfig } from '../../src/config.ts';
import { createDatabase } from '../../src/db/createDatabase.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { currentIndicators } from '../../src/performance/store/indicatorStore.ts';
import { loadIndicatorSet } from '../../src/performance/store/indicatorSet.ts';
import { services } from '../../src/services.ts';
import { seedDelivery } from './seedDelivery.ts';
import { queryProfile } from '../load/queryProfile.ts';

const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
await admin.connect();
const name = `safer_prof_${randomBytes(4).toString('hex')}`;
await admin.query(`CREATE DATABASE ${name}`);
try {
  const database = await createDatabase({ kind: 'postgres', url: `postgres://postgres@127.0.0.1:5432/${name}` });
  await migrateToLatest(database.db as unknown as Kysely<unknown>);
  const u = await insertUser(database.db, {
    email: 'a@example.org',
    agency: 'local_authority',
    role: 'analyst',
    password: 'correct horse battery staple',
  });
  await loadIndicatorSet(database.db);
  const ind = (await currentIndicators(database.db)).map((s) => s.indicator.id);
  const scale = await seedDelivery(database.db, [{ id: u.id, email: u.email, agency: 'local_authority' }], ind);
  const profile = queryProfile(database.db);
  const app = await createApp(
    services({
      config: loadConfig({
        NODE_ENV: 'test',
        SAFER_RATE_LIMIT_PER_MINUTE: '1000000',
        SAFER_SIGN_IN_LIMIT_PER_MINUTE: '10000',
      }),
      database: new Proxy(database, {
        get: (t, k) => {
          const v = k === 'db' ? profile.db : Reflect.get(t, k, t);
          return typeof v === 'function' ? v.bind(t) : v;
        },
      }),
    }),
  );
  const form = await app.inject({ method: 'GET', url: '/sign-in' });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!;
  const cookie = form.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const signed = await app.inject({
    method: 'POST',
    url: '/sign-in',
    headers: { cookie },
    payload: { _csrf: csrf, email: u.email, password: 'correct horse battery staple', next: '/start' },
  });
  const session = signed.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  for (const path of [
    `/lineage/plan-item/${scale.sampleItems[0]}`,
    `/lineage/plan-item/${scale.sampleItems[3]}`,
    '/my-actions',
    '/my-actions',
  ]) {
    const t0 = performance.now();
    const r = await app.inject({ method: 'GET', url: path, headers: { cookie: session } });
    console.log(path, r.statusCode, Math.round(performance.now() - t0), 'ms', r.body.length, 'bytes');
  }
  profile.print(12);
  await app.close();
  await database.close();
} finally {
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}
