// Test script (durableNodefs.test.ts): opens a durable data folder, then makes every fsync fail, as a
// dying disk would, and tries to commit. Prints "reported committed" only if the commit returned.
import { sql } from 'kysely';
import { makeNodefsDurable } from '../durableNodefs.ts';
import { openPgliteHere } from '../pglite.ts';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: failingDisk.ts DATA_DIR');
let pglite: Parameters<typeof makeNodefsDurable>[0] | undefined;
const database = await openPgliteHere(dataDir, { onPglite: (p) => (pglite = p) });
await sql`CREATE TABLE t (i int)`.execute(database.db);
makeNodefsDurable(pglite!, () => {
  throw new Error('EIO: i/o error, fsync');
});
await database.db.transaction().execute((trx) => sql`INSERT INTO t VALUES (1)`.execute(trx));
process.stdout.write('reported committed\n');
