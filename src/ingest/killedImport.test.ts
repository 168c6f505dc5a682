import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSafer, spawnSafer } from '../../test/cliHarness.ts';
import { cliDatabaseEnv } from '../../test/testDbEnv.ts';
import { tempDir } from '../../test/tempFiles.ts';

// A process killed (SIGKILL, no clean-up) in the middle of writing an import:
// the next run must find the database exactly as before and import cleanly.
const BOROUGHS = ['Barnet', 'Camden', 'Hackney', 'Newham', 'Tower Hamlets', 'Westminster'];
const MONTHS = Array.from(
  { length: 48 },
  (_, i) => `${2019 + Math.floor(i / 12)}${String((i % 12) + 1).padStart(2, '0')}`,
);
const MINORS = 2500;

function bigBoroughFile(): string {
  const lines = [`MajorText,MinorText,BoroughName,${MONTHS.join(',')}`];
  for (const borough of BOROUGHS) {
    for (let m = 0; m < MINORS; m += 1)
      lines.push(`THEFT,MINOR ${m},${borough},${MONTHS.map((_, i) => (i + m) % 9).join(',')}`);
  }
  return `${lines.join('\n')}\n`;
}

// Expected total, worked out from the generator's formula: Σ over boroughs, minors, months of (i + m) mod 9.
function expectedTotal(): number {
  let total = 0;
  for (let m = 0; m < MINORS; m += 1) for (let i = 0; i < MONTHS.length; i += 1) total += (i + m) % 9;
  return total * BOROUGHS.length;
}

let env: Record<string, string>;
let cleanup: () => Promise<void>;
const files = tempDir();
beforeAll(async () => {
  ({ env, cleanup } = await cliDatabaseEnv());
});
afterAll(async () => {
  files.cleanup();
  await cleanup();
});

describe('an import killed mid-way', () => {
  it('leaves nothing behind, and the next run imports cleanly', async () => {
    const path = files.file('big.csv', bigBoroughFile());
    const child = spawnSafer(['import', path], { ...env, SAFER_PROGRESS: 'lines' });
    let firstPassDone = false;
    let log = '';
    const killed = new Promise<NodeJS.Signals | null>((resolve) => {
      child.on('exit', (_code, signal) => resolve(signal));
      child.stderr.on('data', (chunk: Buffer) => {
        log += chunk.toString();
        // The layout reads the file twice (classification, then load): kill part-way through the second, writing pass.
        for (const [, percent] of chunk.toString().matchAll(/^progress .* (\d+)%$/gm)) {
          if (Number(percent) === 100) firstPassDone = true;
          else if (firstPassDone && Number(percent) >= 40) child.kill('SIGKILL');
        }
      });
    });
    expect({ signal: await killed, log: log.slice(-2000) }).toMatchObject({ signal: 'SIGKILL' });

    const listing = await runSafer(['imports', '--json'], env);
    expect(JSON.parse(listing.stdout)).toEqual({ batches: [] });

    const again = await runSafer(['import', path, '--json'], env);
    expect(again.code).toBe(0);
    const summary = JSON.parse(again.stdout) as { files: { status: string; rows: number }[] };
    expect(summary.files[0]).toMatchObject({ status: 'imported', rows: BOROUGHS.length * MINORS });

    const { openDatabase } = await import('../db/openDatabase.ts');
    const { loadConfig } = await import('../config.ts');
    const database = await openDatabase(loadConfig({ ...env, NODE_ENV: 'test' }));
    try {
      const row = await database.db
        .selectFrom('crime_count')
        .innerJoin('count_slice', 'count_slice.id', 'crime_count.slice_id')
        .select((eb) => eb.fn.sum<number>('crime_count.value').as('total'))
        .where('count_slice.superseded_by', 'is', null)
        .executeTakeFirstOrThrow();
      expect(Number(row.total)).toBe(expectedTotal());
    } finally {
      await database.close();
    }
  });
});
