import { existsSync } from 'node:fs';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TestProject } from 'vitest/node';
import setup, {
  freePort,
  serverAnswers,
  startEmbeddedPostgres,
  withoutPassword,
  type EmbeddedServer,
} from './globalSetupPostgres.ts';

// One embedded server for the file (a couple of seconds to start), whichever engine the run uses.
let server: EmbeddedServer;
beforeAll(async () => {
  server = await startEmbeddedPostgres();
});
afterAll(async () => {
  await server?.stop();
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

function fakeProject(): { project: TestProject; provided: Record<string, unknown> } {
  const provided: Record<string, unknown> = {};
  const project = {
    provide: (key: string, value: unknown) => {
      provided[key] = value;
    },
  } as unknown as TestProject;
  return { project, provided };
}

describe('startEmbeddedPostgres', () => {
  it('runs a UTF-8 PostgreSQL 17 on 127.0.0.1 with a password in the URL', async () => {
    expect(server.url).toMatch(/^postgres:\/\/postgres:[0-9a-f]{24}@127\.0\.0\.1:\d+\/postgres$/);
    expect(existsSync(server.dir)).toBe(true);
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ encoding: string; major: string }>(
        "SELECT current_setting('server_encoding') AS encoding, current_setting('server_version_num')::int / 10000 AS major",
      );
      expect(rows).toEqual([{ encoding: 'UTF8', major: 17 }]);
    } finally {
      await client.end();
    }
  });
});

describe('serverAnswers', () => {
  it('is true where a server accepts the connection', async () => {
    expect(await serverAnswers(server.url)).toBe(true);
  });

  it('is false where nothing listens', async () => {
    const port = await freePort();
    expect(await serverAnswers(`postgres://postgres@127.0.0.1:${port}/postgres`)).toBe(false);
  });

  it('throws, naming the URL without its password, when the server answers with an error', async () => {
    const missing = withDatabase(server.url, 'no_such_database');
    await expect(serverAnswers(missing)).rejects.toThrow(
      `PostgreSQL at ${withoutPassword(missing)} answered but refused the connection: database "no_such_database" does not exist`,
    );
    const wrongPassword = new URL(server.url);
    wrongPassword.password = 'wrong';
    await expect(serverAnswers(wrongPassword.toString())).rejects.toThrow(
      `PostgreSQL at ${withoutPassword(server.url)} answered but refused the connection: password authentication failed for user "postgres"`,
    );
  });
});

describe('withoutPassword', () => {
  it('masks a password and leaves a URL without one as it was', () => {
    expect(withoutPassword('postgres://postgres:secret@127.0.0.1:5432/postgres')).toBe(
      'postgres://postgres:***@127.0.0.1:5432/postgres',
    );
    expect(withoutPassword('postgres://postgres@127.0.0.1:5432/postgres')).toBe(
      'postgres://postgres@127.0.0.1:5432/postgres',
    );
  });
});

describe('global setup', () => {
  it('does nothing on the PGlite run', async () => {
    vi.stubEnv('SAFER_TEST_DB', 'pglite');
    const { project, provided } = fakeProject();
    expect(await setup(project)).toBeUndefined();
    expect(provided).toEqual({});
  });

  it('uses the server at SAFER_TEST_PG_URL when one answers, and says so', async () => {
    vi.stubEnv('SAFER_TEST_DB', 'postgres');
    vi.stubEnv('SAFER_TEST_PG_URL', server.url);
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const { project, provided } = fakeProject();
    expect(await setup(project)).toBeUndefined();
    expect(provided).toEqual({ saferTestPgUrl: server.url });
    expect(log.mock.calls).toEqual([[`PostgreSQL tests use the server at ${withoutPassword(server.url)}`]]);
  });

  it('starts an embedded server when nothing answers, and its teardown stops it and removes its folder', async () => {
    const closed = `postgres://postgres@127.0.0.1:${await freePort()}/postgres`;
    vi.stubEnv('SAFER_TEST_DB', 'postgres');
    vi.stubEnv('SAFER_TEST_PG_URL', closed);
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const { project, provided } = fakeProject();
    const teardown = await setup(project);
    const url = provided.saferTestPgUrl as string;
    expect(Object.keys(provided)).toEqual(['saferTestPgUrl']);
    expect(await serverAnswers(url)).toBe(true);
    expect(log.mock.calls).toHaveLength(1);
    const line = log.mock.calls[0]![0] as string;
    const dir = /in (\S+) \(/.exec(line)![1]!;
    expect(line).toBe(
      `PostgreSQL tests use an embedded PostgreSQL at ${withoutPassword(url)} in ${dir} (nothing answers at ${closed}); stopped and removed at the end`,
    );
    expect(existsSync(dir)).toBe(true);
    await teardown!();
    expect(existsSync(dir)).toBe(false);
    expect(await serverAnswers(url)).toBe(false);
  });
});
