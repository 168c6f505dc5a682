import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { loadConfig } from '../src/config.ts';
import { runCli } from '../src/cli.ts';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `safer …` in-process with the given environment (e.g. SAFER_DATA_DIR or DATABASE_URL). */
export async function runSafer(args: string[], env: Record<string, string>): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['node', 'safer', ...args], {
    config: () => loadConfig({ ...env, NODE_ENV: 'test' }),
    out: (s) => {
      stdout += s;
    },
    err: (s) => {
      stderr += s;
    },
    isTty: false,
    exitCode: 0,
  });
  return { code, stdout, stderr };
}

export const saferBin = resolve(import.meta.dirname, '../bin/safer.js');

/** Starts `safer …` as a real child process, for tests that must kill it. */
export function spawnSafer(args: string[], env: Record<string, string>) {
  return spawn(process.execPath, [saferBin, ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}
