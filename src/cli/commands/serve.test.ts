import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSafer } from '../../../test/cliHarness.ts';
import { startSaferServer, stopProcess } from '../../../test/saferProcess.ts';
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

const serve = (args: string[], extraEnv: Record<string, string>) => startSaferServer(args, { ...env, ...extraEnv });

describe('safer serve listens where the environment says', () => {
  it('on PORT (127.0.0.1 by default), and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const { child, url } = await serve([], { PORT: String(port) });
    try {
      expect(url).toBe(`http://127.0.0.1:${port}`);
      const response = await fetch(`http://127.0.0.1:${port}/health`);
      expect({ status: response.status, body: await response.json() }).toEqual({ status: 200, body: { status: 'ok' } });
    } finally {
      expect(await stopProcess(child)).toEqual({ code: 0, signal: null });
    }
  });

  // 127.0.0.2 is a second loopback address on Linux (not on macOS).
  it.runIf(process.platform === 'linux')('on HOST, with --port over SAFER_PORT and PORT', async () => {
    const [port, saferPort, platformPort] = [await freePort(), await freePort(), await freePort()];
    const { child, url } = await serve(['--port', String(port)], {
      SAFER_PORT: String(saferPort),
      PORT: String(platformPort),
      HOST: '127.0.0.2',
    });
    try {
      expect(url).toBe(`http://127.0.0.2:${port}`);
      expect((await fetch(`http://127.0.0.2:${port}/health`)).status).toBe(200);
      await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow('fetch failed');
      await expect(fetch(`http://127.0.0.2:${saferPort}/health`)).rejects.toThrow('fetch failed');
    } finally {
      expect(await stopProcess(child)).toEqual({ code: 0, signal: null });
    }
  });

  it('refuses a PORT that is not a port, before opening anything', async () => {
    const run = await runSafer(['serve'], { ...env, PORT: '41OO' });
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr: 'safer: Invalid configuration: PORT: Invalid input: expected number, received NaN\n',
    });
  });
});
