import { pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { createApp } from './app.ts';
import { ensureFirstAdministrator } from './auth/firstAdministrator.ts';
import { loadConfig, type Config } from './config.ts';
import { openDatabase } from './db/openDatabase.ts';
import { services } from './services.ts';

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  close(): Promise<void>;
}

/** Web entry: loadConfig → open (and migrate) the database → services → createApp → listen. */
export async function startServer(config: Config, options: { port?: number; host?: string; print?: (line: string) => void } = {}): Promise<RunningServer> {
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const database = await openDatabase(config);
  const first = await ensureFirstAdministrator(database.db);
  if (first) {
    print('First start: an administrator account was created. Sign in with these details; the password is shown only this once.');
    print(`  email:    ${first.email}`);
    print(`  password: ${first.password}`);
  }
  const app = await createApp(services({ config, database }));
  const url = await app.listen({ port: options.port ?? config.port, host: options.host ?? '127.0.0.1' });
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
