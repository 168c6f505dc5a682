import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/app.ts';
import { createApiToken } from '../../src/auth/apiTokens.ts';
import { loadConfig } from '../../src/config.ts';
import type { Database } from '../../src/db/createDatabase.ts';
import { services } from '../../src/services.ts';

/**
 * What every bench server does once its data is in place: start the app with rate limits out of the way, make one
 * read-only API token per client (people taken in turn), tell the parent where to find it over IPC (with what the
 * bench adds) and close cleanly when the parent says "stop".
 */
export async function serveForBench<T extends object>(
  database: Database,
  people: readonly { id: number; email: string }[],
  clientCount: number,
  extra: T,
  env: Record<string, string> = {},
): Promise<void> {
  const config = loadConfig({
    NODE_ENV: 'test',
    SAFER_RATE_LIMIT_PER_MINUTE: '10000000',
    SAFER_SIGN_IN_LIMIT_PER_MINUTE: '10000',
    ...env,
  });
  const app = await createApp(services({ config, database }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const accounts = [];
  for (let i = 0; i < clientCount; i++) {
    const person = people[i % people.length]!;
    accounts.push({
      email: person.email,
      token: (await createApiToken(database.db, { userId: person.id, name: 'bench', scope: 'read' })).token,
    });
  }
  process.send!({ base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, accounts, ...extra });
  process.on('message', async (message) => {
    if (message !== 'stop') return;
    await app.close();
    await database.close();
    process.exit(0);
  });
}
