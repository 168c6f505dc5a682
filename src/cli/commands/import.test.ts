import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runSafer } from '../../../test/cliHarness.ts';
import { cliDatabaseEnv } from '../../../test/testDbEnv.ts';
import { testData } from '../../../test/sharedData.ts';
import { tempDir } from '../../../test/tempFiles.ts';

const JsonSummary = z.object({
  files: z.array(
    z.object({
      path: z.string(),
      format: z.string().nullable(),
      status: z.enum(['imported', 'unchanged', 'rejected']),
      rows: z.number(),
      errors: z.array(z.object({ line: z.number().nullable(), column: z.string().nullable(), message: z.string() })),
    }),
  ),
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

describe('safer import', () => {
  const recent = testData('mps/borough/recorded-crime-borough.csv');

  it('imports a real file and prints the JSON summary the issue specifies', async () => {
    const run = await runSafer(['import', recent, '--json'], env);
    expect(run.code).toBe(0);
    const summary = JsonSummary.parse(JSON.parse(run.stdout));
    // Data rows counted independently with python's csv module: 1,032.
    expect(summary.files).toEqual([
      expect.objectContaining({ path: recent, format: 'mps-borough-wide', status: 'imported', rows: 1032, errors: [] }),
    ]);
  });

  it('says so when the same file is imported again, and exits 0', async () => {
    const run = await runSafer(['import', recent], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/unchanged/);
    expect(run.stdout).toMatch(/already imported as batch \d+; nothing changed/);
  });

  it('exits non-zero and lists line, column and reason for a rejected file', async () => {
    const bad = files.file('bad.csv', 'MajorText,MinorText,BoroughName,201504\nROBBERY,X,Tower Hamlets,-1\n');
    const run = await runSafer(['import', bad, '--json'], env);
    expect(run.code).toBe(1);
    const summary = JsonSummary.parse(JSON.parse(run.stdout));
    expect(summary.files[0]).toMatchObject({
      status: 'rejected',
      errors: [{ line: 2, column: '201504', message: 'a count cannot be negative' }],
    });
    const text = await runSafer(['import', bad], env);
    expect(text.stderr).toMatch(/bad\.csv, line 2, column "201504": a count cannot be negative \(value "-1"\)/);
  });

  it('lists batches with file, layout, series and extract date', async () => {
    const run = await runSafer(['imports', '--json'], env);
    const batches = z
      .object({
        batches: z.array(
          z.object({
            file_name: z.string(),
            layout: z.string(),
            series: z.string(),
            extract_date: z.string(),
            sha256: z.string(),
          }),
        ),
      })
      .parse(JSON.parse(run.stdout)).batches;
    expect(batches).toHaveLength(1);
    // The last month column is 202602, so the extract can be no earlier than March 2026.
    expect(batches[0]).toMatchObject({
      file_name: 'recorded-crime-borough.csv',
      layout: 'mps-borough-wide',
      series: 'mps-borough/ho_aligned',
      extract_date: '2026-03-01',
    });
    expect(batches[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('lists areas by type, including the airports pseudo-borough as its own area', async () => {
    const boroughs = await runSafer(['areas', '--type', 'borough', '--json'], env);
    const codes = z
      .object({ areas: z.array(z.object({ code: z.string() })) })
      .parse(JSON.parse(boroughs.stdout))
      .areas.map((a) => a.code);
    expect(codes).toHaveLength(33);
    expect(codes).toContain('E09000030');
    const pseudo = await runSafer(['areas', '--type', 'pseudo'], env);
    expect(pseudo.stdout).toMatch(/MPS-SO18\s+Aviation Security \(SO18\)/);
    const wrong = await runSafer(['areas', '--type', 'county'], env);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/unknown --type "county"/);
  });

  it('refuses a malformed --extract-date before touching the database', async () => {
    const run = await runSafer(['import', recent, '--extract-date', '2026-13-01'], env);
    expect(run.code).toBe(1);
  });
});
