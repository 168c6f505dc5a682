import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runSafer } from '../../../test/cliHarness.ts';
import { cliDatabaseEnv } from '../../../test/testDbEnv.ts';
import { tempDir } from '../../../test/tempFiles.ts';

/*
 * `safer import` says when it leaves out a partial first or last month. Hand-made borough files of robbery:
 * stub.csv (Jan–Jun 2024) opens with January at 2 (Tower Hamlets) + 1 (Hackney) = 3 against 1,200 + 800 = 2,000
 * in every other month; by hand the median month is 2,000 and 3 is under its 10%, so January is left out.
 * whole.csv (Jul–Dec 2024) has no stub month.
 */
const header = (months: string[]) => `MajorText,MinorText,BoroughName,${months.join(',')}\n`;
const row = (borough: string, values: number[]) =>
  `ROBBERY,ROBBERY OF PERSONAL PROPERTY,${borough},${values.join(',')}\n`;
const STUB =
  header(['202401', '202402', '202403', '202404', '202405', '202406']) +
  row('Tower Hamlets', [2, 1200, 1200, 1200, 1200, 1200]) +
  row('Hackney', [1, 800, 800, 800, 800, 800]);
const WHOLE =
  header(['202407', '202408', '202409', '202410', '202411', '202412']) +
  row('Tower Hamlets', [1200, 1200, 1200, 1200, 1200, 1200]);

const PartialMonths = z.array(z.object({ month: z.string(), offences: z.number(), medianMonth: z.number() }).strict());
const Summary = z.object({
  files: z.array(z.object({ path: z.string(), status: z.string(), partialMonths: PartialMonths }).passthrough()),
});

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

describe('safer import: partial edge months', () => {
  it('--json lists the months left out for each file ([] for a file with none)', async () => {
    const stub = files.file('stub.csv', STUB);
    const whole = files.file('whole.csv', WHOLE);
    const run = await runSafer(['import', stub, whole, '--json'], env);
    expect(run.code).toBe(0);
    const summary = Summary.parse(JSON.parse(run.stdout));
    expect(summary.files.map((f) => [f.path, f.status, f.partialMonths])).toEqual([
      [stub, 'imported', [{ month: '2024-01', offences: 3, medianMonth: 2000 }]],
      [whole, 'imported', []],
    ]);
  });

  it('the text output says it under the table, with thousands separated', async () => {
    const stub = files.file('stub-again.csv', STUB.replace('Hackney,1,', 'Hackney,0,'));
    const run = await runSafer(['import', stub], env);
    expect(run.code).toBe(0);
    // By hand: January is now 2 + 0 = 2.
    expect(run.stdout).toContain(
      `${stub}: partial month 2024-01 left out (2 offences against a median month of 2,000): earlier extracts keep that month\n`,
    );
    expect(run.stderr).toBe('');
  });

  it('a file with nothing left out prints no such line, and `safer imports --json` keeps what each batch left out', async () => {
    const run = await runSafer(['import', files.file('whole-2.csv', WHOLE.replace('1200\n', '1201\n'))], env);
    expect(run.stdout).not.toMatch(/partial month/);
    const listed = z
      .object({
        batches: z.array(z.object({ file_name: z.string(), partial_months: PartialMonths.nullable() }).passthrough()),
      })
      .parse(JSON.parse((await runSafer(['imports', '--json'], env)).stdout)).batches;
    expect(listed.map((b) => [b.file_name, b.partial_months])).toEqual([
      ['stub.csv', [{ month: '2024-01', offences: 3, medianMonth: 2000 }]],
      ['whole.csv', null],
      ['stub-again.csv', [{ month: '2024-01', offences: 2, medianMonth: 2000 }]],
      ['whole-2.csv', null],
    ]);
  });

  it('a rejected file reports no partial month', async () => {
    const run = await runSafer(
      ['import', files.file('bad.csv', STUB.replace('1200,1200,1200,1200,1200', '1200,-5,1200,1200,1200')), '--json'],
      env,
    );
    expect(run.code).toBe(1);
    expect(Summary.parse(JSON.parse(run.stdout)).files[0]).toMatchObject({ status: 'rejected', partialMonths: [] });
  });
});
