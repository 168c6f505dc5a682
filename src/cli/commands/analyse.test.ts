import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runSafer } from '../../../test/cliHarness.ts';
import { cliDatabaseEnv } from '../../../test/testDbEnv.ts';
import { testData } from '../../../test/sharedData.ts';

const Result = z
  .object({
    shape: z.literal('headline'),
    figures: z.array(
      z.object({
        group: z.record(z.string(), z.string()),
        count: z.number().nullable(),
        denominator: z.number().nullable(),
        rate: z.number().nullable(),
        lower: z.number().nullable(),
        upper: z.number().nullable(),
        method: z.string(),
        definition: z.string(),
        source: z.string(),
        extractDate: z.string().nullable(),
      }),
    ),
    definition: z.object({ id: z.string(), name: z.string() }),
    vintage: z.object({ source: z.string(), extractDates: z.array(z.string()) }),
    warnings: z.array(z.string()),
  })
  .strict();

let env: Record<string, string>;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ env, cleanup } = await cliDatabaseEnv());
  const run = await runSafer(['import', testData('mps/borough/recorded-crime-borough.csv')], env);
  expect(run.code).toBe(0);
}, 120_000);
afterAll(async () => cleanup());

describe('safer analyse', () => {
  it('prints the figures JSON for a category, area and period', async () => {
    const run = await runSafer(
      [
        'analyse',
        '--category',
        'Violence Against the Person',
        '--area',
        'tower hamlets',
        '--period',
        '2024/25',
        '--format',
        'json',
      ],
      env,
    );
    expect(run.code).toBe(0);
    const result = Result.parse(JSON.parse(run.stdout));
    // python3 scratch/analysis/expected.py: TH VAP 2024/25 = 9,812 (recorded-crime-borough.csv covers 2024-03..2026-02).
    expect(result.figures[0]).toMatchObject({
      count: 9812,
      definition: 'category:Violence Against the Person',
      source: 'MPS borough counts (London Datastore)',
      extractDate: '2026-03-01',
    });
  });

  it('csv has a header and one line per figure; errors go to stderr with exit code 1', async () => {
    const csv = await runSafer(
      [
        'analyse',
        '--category',
        'ROBBERY',
        '--area',
        'E09000030',
        '--period',
        '2024/25',
        '--by',
        'quarter',
        '--format',
        'csv',
      ],
      env,
    );
    expect(csv.code).toBe(0);
    expect(csv.stdout.trim().split('\n')).toHaveLength(5);
    expect(csv.stdout.split('\n')[0]).toBe('quarter,count,denominator,rate,lower,upper,method,source,extractDate');
    const bad = await runSafer(
      ['analyse', '--category', 'Burglary', '--area', 'E09000030', '--period', '2024/25', '--by', 'victim-age'],
      env,
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/counts carry no victim or suspect age/);
    expect(bad.stderr).toMatch(/partner police extract holds no data for Tower Hamlets/);
    expect(bad.stdout).toBe('');
  });
});
