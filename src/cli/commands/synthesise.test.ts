import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSafer } from '../../../test/cliHarness.ts';
import { cliDatabaseEnv } from '../../../test/testDbEnv.ts';
import { tempDir } from '../../../test/tempFiles.ts';

let env: Record<string, string>;
let cleanup: () => Promise<void>;
const files = tempDir('safer-synth-cli-');
beforeAll(async () => {
  ({ env, cleanup } = await cliDatabaseEnv());
});
afterAll(async () => {
  files.cleanup();
  await cleanup();
});

describe('safer synthesise', () => {
  it('refuses malformed options with exit code 2', async () => {
    const run = await runSafer(
      ['synthesise', '--borough', 'Tower Hamlets', '--from', '2024-4', '--to', '2024-05', '--out', files.dir],
      env,
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--from: use YYYY-MM/);
    const backwards = await runSafer(
      ['synthesise', '--borough', 'Tower Hamlets', '--from', '2024-06', '--to', '2024-05', '--out', files.dir],
      env,
    );
    expect(backwards.stderr).toMatch(/--from must not be after --to/);
  });

  it('names an unknown borough, and says what to import when there are no counts', async () => {
    const unknown = await runSafer(
      ['synthesise', '--borough', 'Gotham', '--from', '2024-04', '--to', '2024-05', '--out', files.dir],
      env,
    );
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/"Gotham" is not a London borough/);
    const empty = await runSafer(
      ['synthesise', '--borough', 'E09000030', '--from', '2024-04', '--to', '2024-05', '--out', files.dir],
      env,
    );
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(
      /no current MPS ward counts \(series mps-ward\/ho_aligned\) for Tower Hamlets .* import the MPS ward file/,
    );
    expect(readdirSync(files.dir)).toEqual([]);
  });

  it('writes both SYNTHETIC files from imported ward counts, and they import back', async () => {
    // A two-ward MPS ward file: 3 + 2 violence with injury in Bethnal Green, 4 shoplifting in Blackwall & Cubitt Town.
    const ward = files.file(
      'ward.csv',
      [
        'wardname,wardcode,majortext,minortext,lookup_boroughname,202404,202405',
        'Bethnal Green,E05009317,VIOLENCE AGAINST THE PERSON,VIOLENCE WITH INJURY,Tower Hamlets,3,2',
        'Blackwall & Cubitt Town,E05009318,THEFT,SHOPLIFTING,Tower Hamlets,4,0',
      ].join('\n'),
    );
    expect((await runSafer(['import', ward], env)).code).toBe(0);
    const out = join(files.dir, 'out');
    const run = await runSafer(
      ['synthesise', '--borough', 'tower hamlets', '--from', '2024-04', '--to', '2024-05', '--out', out, '--seed', '3'],
      env,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/9 police records/);
    // A&E: running VWI totals 3 and 5 → floor(×0.4) = 1 and 2 → 1 attendance a month.
    expect(run.stdout).toMatch(/2 A&E assault attendances \(site SYN30\)/);
    const written = readdirSync(out).sort();
    expect(written).toEqual([
      'SYNTHETIC-ae-istv-extract-E09000030-2024-04-to-2024-05-seed3.csv',
      'SYNTHETIC-partner-police-extract-E09000030-2024-04-to-2024-05-seed3.csv',
    ]);
    const police = readFileSync(join(out, written[1]!), 'utf8').trim().split('\n');
    expect(police).toHaveLength(10);
    expect(police.slice(1).every((line) => line.split(',')[2] === 'SYNTHETIC')).toBe(true);
    const back = await runSafer(['import', ...written.map((f) => join(out, f)), '--json'], env);
    expect(back.code, back.stdout + back.stderr).toBe(0);
    const summary = JSON.parse(back.stdout) as { files: { format: string; status: string; rows: number }[] };
    expect(summary.files.map((f) => [f.format, f.status, f.rows])).toEqual([
      ['ae-istv-extract', 'imported', 2],
      ['partner-police-extract', 'imported', 9],
    ]);
  });
});
