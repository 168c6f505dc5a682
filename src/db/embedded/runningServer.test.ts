import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../../../test/createTestDb.ts';
import { spawnSafer } from '../../../test/cliHarness.ts';
import { freePort } from '../../../test/globalSetupPostgres.ts';
import {
  runSaferProcess,
  signInOverHttp,
  startSaferServer,
  stopProcess,
  type RunningSafer,
} from '../../../test/saferProcess.ts';
import { tempDir } from '../../../test/tempFiles.ts';
import { cliDatabaseEnv } from '../../../test/testDbEnv.ts';

// Issue 15: a `safer` command run beside a running server must not lose its write. On PGlite the
// command works through the server that owns the data folder; on PostgreSQL both simply connect.
const PASSWORD = 'Quietly-Grazing-Otter-42';
const EMAIL = 'colleague@council.example';

/** A small MPS borough file (SYNTHETIC): 2 boroughs × 3 minor categories × 4 months, value = month index + minor. */
function boroughFile(major: string): string {
  const months = ['202301', '202302', '202303', '202304'];
  const lines = [`MajorText,MinorText,BoroughName,${months.join(',')}`];
  for (const borough of ['Hackney', 'Tower Hamlets']) {
    for (let m = 0; m < 3; m += 1)
      lines.push(`${major},MINOR ${m},${borough},${months.map((_, i) => i + m).join(',')}`);
  }
  return `${lines.join('\n')}\n`;
}
// One borough's rows: Σ over minors m = 0..2 and months i = 0..3 of (i + m) = 3 × 6 + 4 × 3 = 30.
const HACKNEY_TOTAL = 30;

let env: Record<string, string>;
let cleanup: () => Promise<void>;
let server: RunningSafer;
const files = tempDir();
beforeAll(async () => {
  ({ env, cleanup } = await cliDatabaseEnv());
  env = { ...env, PORT: String(await freePort()) };
  server = await startSaferServer([], env);
}, 120_000);
afterAll(async () => {
  await stopProcess(server.child, 'SIGKILL');
  files.cleanup();
  await cleanup();
});

async function restart(signal: NodeJS.Signals): Promise<void> {
  await stopProcess(server.child, signal);
  server = await startSaferServer([], env);
}

async function importedBatches(): Promise<{ file_name: string; status: string; rows_read: number }[]> {
  const listing = await runSaferProcess(['imports', '--json'], env);
  expect(listing.code, listing.stderr).toBe(0);
  return (JSON.parse(listing.stdout) as { batches: { file_name: string; status: string; rows_read: number }[] })
    .batches;
}

describe('safer commands while the server runs', () => {
  let token = '';

  it('adds a user, creates a token and imports a file, and the running server sees all three at once', async () => {
    const added = await runSaferProcess(
      ['users', 'add', '--email', EMAIL, '--agency', 'local_authority', '--role', 'analyst', '--password', PASSWORD],
      env,
    );
    expect(added, added.stderr).toMatchObject({ code: 0, stdout: `Added ${EMAIL} (analyst, local_authority).\n` });
    if (testEngine === 'pglite')
      expect(added.stderr).toMatch(/working through process \d+, which has the data folder open/);

    const created = await runSaferProcess(['tokens', 'create', '--email', EMAIL, '--scope', 'read'], env);
    expect(created.code, created.stderr).toBe(0);
    token = /^safer_\S+$/m.exec(created.stdout)?.[0] ?? '';
    expect(token).not.toBe('');

    const path = files.file('first.csv', boroughFile('THEFT'));
    const imported = await runSaferProcess(['import', path, '--json'], env);
    expect(imported.code, imported.stderr).toBe(0);
    expect((JSON.parse(imported.stdout) as { files: unknown[] }).files[0]).toMatchObject({
      status: 'imported',
      rows: 6,
    });

    const browser = await signInOverHttp(server.url, EMAIL, PASSWORD);
    expect(browser.status).toBe(303);
    const me = await fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ email: EMAIL, role: 'analyst' });
  });

  it('finds the user, the token and the import after the server is stopped and started again', async () => {
    await restart('SIGTERM');
    expect((await signInOverHttp(server.url, EMAIL, PASSWORD)).status).toBe(303);
    const me = await fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    expect((await importedBatches()).map((b) => [b.file_name, b.status, b.rows_read])).toEqual([
      ['first.csv', 'imported', 6],
    ]);
  });

  it('keeps an import the server was killed (SIGKILL) straight after committing', async () => {
    const path = files.file('second.csv', boroughFile('ROBBERY'));
    const imported = await runSaferProcess(['import', path, '--json'], env);
    expect(imported.code, imported.stderr).toBe(0);
    await restart('SIGKILL');
    const batches = await importedBatches();
    expect(batches.map((b) => [b.file_name, b.status, b.rows_read])).toEqual([
      ['first.csv', 'imported', 6],
      ['second.csv', 'imported', 6],
    ]);
    const figure = await runSaferProcess(
      ['analyse', '--category', 'Robbery', '--area', 'Hackney', '--period', '2023-01..2023-04', '--format', 'json'],
      env,
    );
    expect(figure.code, figure.stderr + figure.stdout).toBe(0);
    // Hackney's half of the file: Σ over m = 0..2, i = 0..3 of (i + m) = 30.
    const { figures } = JSON.parse(figure.stdout) as { figures: { count: number }[] };
    expect(figures.map((f) => f.count)).toEqual([HACKNEY_TOTAL]);
  });
});

describe('an import through the server when the server is killed mid-way', () => {
  it('fails the command with a clear message and leaves nothing of the import', async () => {
    const before = await importedBatches();
    // 6 × 2,500 rows: long enough to be part-way through when the server is killed.
    const months = ['202301', '202302', '202303', '202304'];
    const lines = [`MajorText,MinorText,BoroughName,${months.join(',')}`];
    for (const borough of ['Barnet', 'Camden', 'Hackney', 'Newham', 'Tower Hamlets', 'Westminster']) {
      for (let m = 0; m < 2500; m += 1) lines.push(`BURGLARY,MINOR ${m},${borough},1,2,3,4`);
    }
    const path = files.file('big.csv', `${lines.join('\n')}\n`);
    const child = spawnSafer(['import', path], { ...env, SAFER_PROGRESS: 'lines' });
    let stderr = '';
    let firstPassDone = false;
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      // The layout reads the file twice (classification, then load): kill the server part-way through the writing pass.
      for (const [, percent] of chunk.toString().matchAll(/^progress .* (\d+)%$/gm)) {
        if (Number(percent) === 100) firstPassDone = true;
        else if (firstPassDone && Number(percent) >= 30) void stopProcess(server.child, 'SIGKILL');
      }
    });
    const code = await exited;
    if (testEngine === 'pglite') {
      expect(code).not.toBe(0);
      expect(stderr).toContain('stopped while this command was working through it');
    }
    server = await startSaferServer([], env);
    // On PostgreSQL the import does not depend on the web server, so it completes: one more batch, whole.
    const after = await importedBatches();
    if (testEngine === 'pglite') expect(after).toEqual(before);
    else
      expect(after.map((b) => [b.file_name, b.rows_read])).toEqual([
        ...before.map((b) => [b.file_name, b.rows_read]),
        ['big.csv', 15_000],
      ]);
  });
});

describe.runIf(testEngine === 'pglite')('the embedded data folder has one owner', () => {
  it('refuses a second server on the same folder, naming the process that holds it', async () => {
    const lock = JSON.parse(readFileSync(join(env.SAFER_DATA_DIR!, 'safer.lock'), 'utf8')) as { pid: number };
    expect(lock.pid).toBe(server.child.pid);
    const second = await runSaferProcess(['serve', '--port', String(await freePort())], env);
    expect(second.code).not.toBe(0);
    expect(second.stderr).toContain(`is in use by process ${server.child.pid} (safer serve`);
    expect(second.stderr).toContain('A server must own its data folder');
  });

  it('releases the folder when the server cannot listen (port taken), instead of staying up holding it', async () => {
    const other = tempDir('safer-port-taken-');
    try {
      const taken = new URL(server.url).port;
      const refused = await runSaferProcess(['serve', '--port', taken], { SAFER_DATA_DIR: other.dir });
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toContain('EADDRINUSE');
      expect(existsSync(join(other.dir, 'safer.lock'))).toBe(false);
    } finally {
      other.cleanup();
    }
  });
});
