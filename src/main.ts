import { pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { createApp } from './app.ts';
import { ensureFirstAdministrator } from './auth/firstAdministrator.ts';
import { loadConfig, type Config } from './config.ts';
import type { Database } from './db/createDatabase.ts';
import { openDatabase } from './db/openDatabase.ts';
import { services } from './services.ts';

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  close(): Promise<void>;
}

/** Web entry: loadConfig → open (and migrate) the database → services → createApp → listen (options.port/host, e.g. from --port, over the config's). */
export interface ServerOptions {
  port?: number;
  host?: string;
  print?: (line: string) => void;
  /** A database the caller opened (it must own an embedded data folder); closed with the server. */
  database?: Database;
}

export async function startServer(config: Config, options: ServerOptions = {}): Promise<RunningServer> {
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  // The server owns an embedded data folder; `safer` commands run beside it work through it.
  const database = options.database ?? (await openDatabase(config, { owner: 'required' }));
  let app: FastifyInstance | undefined;
  let url: string;
  try {
    const first = await ensureFirstAdministrator(database.db);
    if (first) {
      print(
        'First start: an administrator account was created. Sign in with these details; the password is shown only this once.',
      );
      print(`  email:    ${first.email}`);
      print(`  password: ${first.password}`);
    }
    app = await createApp(services({ config, database }));
    url = await app.listen({ port: options.port ?? config.port, host: options.host ?? config.host });
  } catch (error) {
    // E.g. the port is taken: release the data folder (and its socket), or the process would stay up holding it.
    await app?.close();
    await database.close();
    throw error;
  }
  print(`Safer is listening on ${url}`);
  return {
    app,
    url,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const server = await startServer(loadConfig());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void server.close());
}
