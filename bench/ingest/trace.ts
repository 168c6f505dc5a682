/**
 * Development aid: one PostgreSQL import of FILE into a scratch database with every statement's
 * server time logged (log_min_duration_statement = 0 on that database), to see where an import's time goes.
 *   node bin/run-ts.js bench/ingest/trace.ts FILE [pglite]
 */
import { CompiledQuery, type Kysely } from 'kysely';
import { PG_SERVER_URL, runOnServer } from './pgAdmin.ts';
import { createDatabase, type Database } from '../../src/db/createDatabase.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { importFile } from '../../src/ingest/importFile.ts';
import { refreshAggregatesForBatch } from '../../src/analysis/aggregates/refreshAggregatesForBatch.ts';

/** Sums the time each COPY takes (from the call to its completion) and each other statement of the transaction. */
function timed(database: Database): Database {
  return {
    ...database,
    bulkTransaction: (work) =>
      database.bulkTransaction(async (trx, copy, copyBinary) => {
        let copyMs = 0;
        let copies = 0;
        let lastCopy = 0;
        const t0 = performance.now();
        try {
          return await work(
            trx,
            async (table, columns, rows) => {
              const t = performance.now();
              await copy(table, columns, rows);
              copyMs += performance.now() - t;
              copies += 1;
              lastCopy = performance.now();
            },
            async (table, columns, data) => {
              const t = performance.now();
              await copyBinary(table, columns, data);
              copyMs += performance.now() - t;
              copies += 1;
              lastCopy = performance.now();
            },
          );
        } finally {
          process.stdout.write(
            `transaction ${(performance.now() - t0).toFixed(0)} ms, ${copies} COPYs ${copyMs.toFixed(0)} ms, after the last COPY ${(performance.now() - lastCopy).toFixed(0)} ms\n`,
          );
        }
      }),
  };
}

const [file, engine] = process.argv.slice(2);
const mb = (n: number) => Math.round(n / 1048576);
let peak = { rss: 0 } as NodeJS.MemoryUsage;
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  if (m.rss > peak.rss) peak = m;
}, 200).unref();
process.on('beforeExit', () => {
  clearInterval(sampler);
  process.stdout.write(
    `peak sample: rss ${mb(peak.rss)} MB, heap ${mb(peak.heapUsed)}/${mb(peak.heapTotal)} MB, external ${mb(peak.external)} MB, arrayBuffers ${mb(peak.arrayBuffers)} MB; maxRSS ${mb(process.resourceUsage().maxRSS * 1024)} MB\n`,
  );
});
const name = `safer_trace_${process.pid}`;

if (engine === 'pglite') {
  const { mkdtemp, rm } = await import('node:fs/promises');
  const dir = await mkdtemp('/tmp/safer-trace-');
  const database = timed(await createDatabase({ kind: 'pglite', dataDir: dir }));
  await migrateToLatest(database.db as unknown as Kysely<unknown>);
  const started = performance.now();
  const r = await importFile(database, file!, { importedBy: 'trace', refreshAggregates: refreshAggregatesForBatch });
  process.stdout.write(
    `${r.status} ${r.rows} rows in ${((performance.now() - started) / 1000).toFixed(1)} s; ${r.message}\n`,
  );
  await database.close();
  await rm(dir, { recursive: true, force: true });
} else {
  await runOnServer(`CREATE DATABASE ${name}`);
  try {
    await runOnServer(`ALTER DATABASE ${name} SET log_min_duration_statement = ${process.env.TRACE_MIN_MS ?? 0}`);
    const url = new URL(PG_SERVER_URL);
    url.pathname = `/${name}`;
    const database = timed(await createDatabase({ kind: 'postgres', url: url.toString() }));
    await migrateToLatest(database.db as unknown as Kysely<unknown>);
    // TRACE_AFTER_MIGRATE: SQL to try a schema change without a migration (e.g. 'DROP INDEX police_uk_street_slice').
    if (process.env.TRACE_AFTER_MIGRATE)
      await database.db.executeQuery(CompiledQuery.raw(process.env.TRACE_AFTER_MIGRATE));
    const started = performance.now();
    const r = await importFile(database, file!, { importedBy: 'trace', refreshAggregates: refreshAggregatesForBatch });
    process.stdout.write(
      `${r.status} ${r.rows} rows in ${((performance.now() - started) / 1000).toFixed(1)} s; ${r.message}\n`,
    );
    await database.close();
  } finally {
    await runOnServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}
