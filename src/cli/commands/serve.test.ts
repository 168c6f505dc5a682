import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSafer, spawnSafer } from '../../../test/cliHarness.ts';
import { freePort } from '../../../test/globalSetupPostgres.ts';
import { cliDatabaseEnv } from '../../../test/testDbEnv.ts';

// `safer serve` as a hosting platform starts it (PORT, HOST), in its own process.
let env: Record<string, string>;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ env, cleanup } = await cliDatabaseEnv());
});
afterAll(async () => {
  await cleanup();
});

/** Starts `safer serve`, resolving with the URL it prints once listening (or rejecting with its output if it exits first). */
function serve(args: string[], extraEnv: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawnSafer(['serve', ...args], { ...env, ...extraEnv });
  let output = '';
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /^Safer is listening on (\S+)$/m.exec(output);
      if (listening) resolve({ child, url: listening[1]! });
    });
    child.on('exit', (code) => reject(new Error(`safer serve exited (${code}) before listening:\n${output}`)));
  });
}

/** SIGTERM, as a platform stops a service; resolves with how it exited. */
async function stop(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  child.kill('SIGTERM');
  return exited;
}

describe('safer serve listens where the environment says', () => {
  it('on PORT (127.0.0.1 by default), and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const { child, url } = await serve([], { PORT: String(port) });
    try {
      expect(url).toBe(`http://127.0.0.1:${port}`);
      const response = await fetch(`http://127.0.0.1:${port}/health`);
      expect({ status: response.status, body: await response.json() }).toEqual({ status: 200, body: { status: 'ok' } });
    } finally {
      expect(await stop(child)).toEqual({ code: 0, signal: null });
    }
  });

  // 127.0.0.2 is a second loopback address on Linux (not on macOS).
  it.runIf(process.platform === 'linux')('on HOST, with --port over SAFER_PORT and PORT', async () => {
    const [port, saferPort, platformPort] = [await freePort(), await freePort(), await freePort()];
    const { child, url } = await serve(['--port', String(port)], { SAFER_PORT: String(saferPort), PORT: String(platformPort), HOST: '127.0.0.2' });
    try {
      expect(url).toBe(`http://127.0.0.2:${port}`);
      expect((await fetch(`http://127.0.0.2:${port}/health`)).status).toBe(200);
      await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow('fetch failed');
      await expect(fetch(`http://127.0.0.2:${saferPort}/health`)).rejects.toThrow('fetch failed');
    } finally {
      expect(await stop(child)).toEqual({ code: 0, signal: null });
    }
  });

  it('refuses a PORT that is not a port, before opening anything', async () => {
    const run = await runSafer(['serve'], { ...env, PORT: '41OO' });
    expect(run).toEqual({ code: 1, stdout: '', stderr: 'safer: Invalid configuration: PORT: Invalid input: expected number, received NaN\n' });
  });
});
