import type { ChildProcess } from 'node:child_process';
import { spawnSafer } from './cliHarness.ts';

export interface RunningSafer {
  child: ChildProcess;
  url: string;
  /** Everything it printed so far (stdout and stderr). */
  output: () => string;
}

/** Starts `safer serve` in its own process; resolves once it prints where it listens. */
export function startSaferServer(args: string[], env: Record<string, string>): Promise<RunningSafer> {
  const child = spawnSafer(['serve', ...args], env);
  let output = '';
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /^Safer is listening on (\S+)$/m.exec(output);
      if (listening) resolve({ child, url: listening[1]!, output: () => output });
    });
    child.on('exit', (code) => reject(new Error(`safer serve exited (${code}) before listening:\n${output}`)));
  });
}

/** Sends a signal and resolves with how the process ended. */
export function stopProcess(
  child: ChildProcess,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, sig) => resolve({ code, signal: sig }));
  });
  child.kill(signal);
  return exited;
}

/** A cookie-keeping fetch client that signs in through the real sign-in form. */
export async function signInOverHttp(
  baseUrl: string,
  email: string,
  password: string,
): Promise<{ status: number; get: (path: string) => Promise<Response> }> {
  const cookies = new Map<string, string>();
  const keep = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      cookies.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    return res;
  };
  const cookie = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const form = keep(await fetch(`${baseUrl}/sign-in`, { headers: { cookie: cookie() } }));
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const posted = keep(
    await fetch(`${baseUrl}/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, email, password, next: '/' }).toString(),
    }),
  );
  return {
    status: posted.status,
    get: async (path) => keep(await fetch(`${baseUrl}${path}`, { redirect: 'manual', headers: { cookie: cookie() } })),
  };
}

/** Runs `safer …` as its own process to the end (stdin closed), like a person in a second terminal. */
export function runSaferProcess(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawnSafer(args, env);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}
