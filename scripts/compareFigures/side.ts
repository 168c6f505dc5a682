import type { ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { freePort } from '../../test/globalSetupPostgres.ts';
import { signInOverHttp } from '../../test/saferProcess.ts';
import { COMPARED_HEADERS, type Answer } from './compare.ts';
import type { Checkout } from './checkouts.ts';
import type { Probe, Reader } from './urls.ts';

type SaferProcess = typeof import('../../test/saferProcess.ts');
type CliHarness = typeof import('../../test/cliHarness.ts');

/** A request that takes longer than this is reported as failed (the slowest demo answers take about 30 s). */
const REQUEST_TIMEOUT_MS = 300_000;

/**
 * The environment of every `safer` process of a side. spawnSafer (test/cliHarness.ts)
 * passes only PATH, HOME and these, so nothing of this shell (HOST, PORT, DATABASE_URL)
 * leaks in.
 */
function saferEnv(dataDir: string): Record<string, string> {
  return {
    // PGlite in a fresh folder of its own (src/config.ts).
    SAFER_DATA_DIR: dataDir,
    // As `npm start` runs: development (NODE_ENV=production would need a session secret and secure cookies).
    NODE_ENV: 'development',
    MALLOC_MMAP_THRESHOLD_: '131072',
    SAFER_PARTNERSHIP_AREA: 'E09000030',
    SAFER_IMPORT_USER: 'compare-figures',
    // A few hundred requests a minute from one address would meet the default limits; they are not what is compared.
    SAFER_RATE_LIMIT_PER_MINUTE: '1000000',
    SAFER_SIGN_IN_LIMIT_PER_MINUTE: '1000',
    SAFER_SESSION_IDLE_MINUTES: '1440',
  };
}

const utcDay = () => new Date().toISOString().slice(0, 10);

export interface SignedIn {
  reader: Reader;
  get: (path: string) => Promise<Response>;
  token: string;
}

/**
 * One side of the comparison: a checkout, its own data folder and its own server.
 * The server is started with that checkout's own test/saferProcess.ts (whose
 * spawnSafer runs that checkout's bin/safer.js), so each side runs its own code.
 */
export class Side {
  readonly checkout: Checkout;
  readonly dataDir: string;
  readonly logFile: string;
  importDays: string[] = [];
  url = '';
  port = 0;
  readonly readers = new Map<string, SignedIn>();
  readonly timings: Record<string, number> = {};
  /** Set by stop(): a build cut short is not reported as this side's failure. */
  stopped = false;
  private server: ChildProcess | undefined;
  private building: ChildProcess | undefined;
  private helpers: { process: SaferProcess; harness: CliHarness } | undefined;

  constructor(checkout: Checkout, tmp: string) {
    this.checkout = checkout;
    this.dataDir = join(tmp, `${checkout.side}-data`);
    this.logFile = join(tmp, `${checkout.side}-build.log`);
  }

  private async load() {
    if (this.helpers) return this.helpers;
    const file = (name: string) => join(this.checkout.dir, 'test', name);
    if (!existsSync(file('saferProcess.ts')) || !existsSync(file('cliHarness.ts')))
      throw new Error(
        `${this.checkout.side} (${this.checkout.asked}) has no test/saferProcess.ts: it is older than this script can start`,
      );
    this.helpers = {
      process: (await import(pathToFileURL(file('saferProcess.ts')).href)) as SaferProcess,
      harness: (await import(pathToFileURL(file('cliHarness.ts')).href)) as CliHarness,
    };
    return this.helpers;
  }

  private log(line: string) {
    process.stdout.write(`[${this.checkout.side}] ${line}\n`);
  }

  /** `safer demo --no-serve` (src/cli/commands/demo.ts): imports demo-data/, synthesises partner extracts, creates demo users. */
  private async buildDemo(): Promise<void> {
    const { harness } = await this.load();
    const started = Date.now();
    const out = createWriteStream(this.logFile);
    const child = harness.spawnSafer(['demo', '--no-serve'], saferEnv(this.dataDir));
    this.building = child;
    const firstDay = utcDay();
    let tail = '';
    let files = 0;
    const take = (chunk: Buffer) => {
      out.write(chunk);
      tail = (tail + chunk.toString()).slice(-4000);
      const imported = chunk.toString().match(/^ {2}(imported|unchanged) /gm)?.length ?? 0;
      if (imported > 0 && Math.floor((files + imported) / 10) > Math.floor(files / 10))
        this.log(`demo: ${files + imported} files imported`);
      files += imported;
    };
    child.stdout!.on('data', take);
    child.stderr!.on('data', take);
    const code = await new Promise<number | null>((resolveExit) => child.on('close', resolveExit));
    this.building = undefined;
    out.end();
    this.importDays = [...new Set([firstDay, utcDay()])];
    this.timings.demo = Date.now() - started;
    if (this.stopped) throw new Error(`${this.checkout.side}: stopped before its demo build finished`);
    if (code !== 0)
      throw new Error(
        `${this.checkout.side} (${this.checkout.asked}): safer demo --no-serve failed (exit ${code}); last output:\n${tail}`,
      );
    this.log(`demo built in ${(this.timings.demo / 1000).toFixed(0)} s (${files} files)`);
  }

  /** Demo passwords are random, printed once and saved in the data folder's demo-credentials.txt. */
  private async passwords(): Promise<Map<string, string>> {
    const text = await readFile(join(this.dataDir, 'demo-credentials.txt'), 'utf8');
    return new Map([...text.matchAll(/^\s+(\S+@\S+)\s.*password: (\S+)$/gm)].map((m) => [m[1]!, m[2]!]));
  }

  /** An API token per reader (`safer tokens create`), before the server takes the data folder. */
  private async tokens(readers: readonly Reader[]): Promise<Map<string, string>> {
    const { process: helpers } = await this.load();
    const tokens = new Map<string, string>();
    for (const reader of readers) {
      const run = await helpers.runSaferProcess(
        ['tokens', 'create', '--email', reader.email, '--scope', 'read', '--name', 'compare-figures'],
        saferEnv(this.dataDir),
      );
      const token = run.stdout.trim().split('\n').pop() ?? '';
      if (run.code !== 0 || !token)
        throw new Error(`${this.checkout.side}: safer tokens create for ${reader.email} failed:\n${run.stderr}`);
      tokens.set(reader.email, token);
    }
    return tokens;
  }

  /** Builds the demo, makes tokens, starts `safer serve` on a free port and signs every reader in. */
  async prepare(readers: readonly Reader[]): Promise<void> {
    await this.buildDemo();
    if (this.stopped) throw new Error(`${this.checkout.side}: stopped`);
    const started = Date.now();
    const passwords = await this.passwords();
    const tokens = await this.tokens(readers);
    const { process: helpers } = await this.load();
    this.port = await freePort();
    const running = await helpers.startSaferServer(['--port', String(this.port)], saferEnv(this.dataDir));
    this.server = running.child;
    this.url = running.url;
    for (const reader of readers) {
      const password = passwords.get(reader.email);
      if (!password) throw new Error(`${this.checkout.side}: the demo created no user ${reader.email}`);
      const client = await signInOverHttp(this.url, reader.email, password);
      if (client.status !== 303)
        throw new Error(`${this.checkout.side}: signing in as ${reader.email} answered ${client.status}, not 303`);
      this.readers.set(reader.email, { reader, get: client.get, token: tokens.get(reader.email)! });
    }
    this.timings.serve = Date.now() - started;
    this.log(`serving at ${this.url}; ${readers.length} readers signed in`);
  }

  /** One probe as a reader: a page or download with the session, the API with the token. */
  async fetch(probe: Probe, email: string): Promise<Answer> {
    const reader = this.readers.get(email)!;
    const request =
      probe.via === 'session'
        ? reader.get(probe.path)
        : fetch(`${this.url}${probe.path}`, {
            redirect: 'manual',
            headers: { authorization: `Bearer ${reader.token}` },
          });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${REQUEST_TIMEOUT_MS / 1000} s`)),
        REQUEST_TIMEOUT_MS,
      );
    });
    try {
      const response = await Promise.race([request, timeout]);
      const body = Buffer.from(await response.arrayBuffer());
      const headers: Record<string, string> = {};
      for (const name of COMPARED_HEADERS) {
        const value = response.headers.get(name);
        if (value !== null) headers[name] = value;
      }
      return { status: response.status, headers, body };
    } finally {
      clearTimeout(timer);
    }
  }

  /** Stops the server (SIGTERM, as a person would) and any demo build still running. */
  async stop(): Promise<void> {
    this.stopped = true;
    const { process: helpers } = this.helpers ?? {};
    if (this.building && this.building.exitCode === null) this.building.kill('SIGTERM');
    if (this.server && helpers) await helpers.stopProcess(this.server);
    this.server = undefined;
  }
}
