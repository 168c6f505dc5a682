import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSafer } from '../../../test/cliHarness.ts';
import { cliDatabaseEnv } from '../../../test/testDbEnv.ts';
import { loadIndicators } from '../../performance/loadIndicators.ts';

// Test accounts only, no person's data.
let env: Record<string, string>;
let cleanup: () => Promise<void>;
const PASSWORD = 'correct horse battery staple';
const addUser = async (email: string, agency: string, role: string) => {
  const run = await runSafer(
    ['users', 'add', '--email', email, '--agency', agency, '--role', role, '--password', PASSWORD],
    env,
  );
  expect(run.code, run.stderr).toBe(0);
};
beforeAll(async () => {
  ({ env, cleanup } = await cliDatabaseEnv());
  await addUser('manager@council.example', 'local_authority', 'partnership_manager');
  await addUser('analyst@council.example', 'local_authority', 'analyst');
}, 120_000);
afterAll(async () => cleanup());

const open = (...extra: string[]) => runSafer(['returns', 'open', '--due', '2026-01-31', ...extra], env);
/** The lead agencies of the starter set's returned indicators: one return each. */
const agencies = async () =>
  [
    ...new Set(
      (await loadIndicators()).indicators.filter((i) => i.source.kind === 'returned').map((i) => i.leadAgency),
    ),
  ].sort();

describe('safer returns', () => {
  it('refuses a quarter that is not one, an unknown user and a user who is not a partnership manager (exit 1)', async () => {
    const bad = await open('--quarter', '2025/26 Q7', '--as', 'manager@council.example');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe(
      'safer returns open: "2025/26 Q7" is not a quarter: write the financial year and quarter, e.g. 2024/25 Q3 (Q1 = April–June)\n',
    );
    const unknown = await open('--quarter', '2025/26 Q3', '--as', 'nobody@council.example');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('safer returns open: there is no user nobody@council.example\n');
    const analyst = await open('--quarter', '2025/26 Q3', '--as', 'analyst@council.example');
    expect(analyst.code).toBe(1);
    expect(analyst.stderr).toBe(
      'safer returns open: analyst@council.example has the role analyst: only a partnership manager can open a quarter\n',
    );
    const early = await runSafer(
      ['returns', 'open', '--quarter', '2025/26 Q3', '--due', '2025-12-01', '--as', 'manager@council.example'],
      env,
    );
    expect(early.code).toBe(1);
    expect(early.stderr).toContain('cannot be due before the quarter ends (2025-12-31)');
    expect((await runSafer(['returns', 'list', '--json'], env)).stdout).toBe('{\n  "returns": []\n}\n');
  });

  it('opens the quarter as the partnership manager, once; list shows status, due date and lateness', async () => {
    const run = await open('--quarter', '2025/26 Q3', '--as', 'MANAGER@council.example');
    expect(run.code, run.stderr).toBe(0);
    const opened = await agencies();
    expect(run.stdout).toBe(
      `${opened.map((a) => `opened\t${a}\n`).join('')}${opened.length} returns opened, 0 already open, due 2026-01-31\n`,
    );
    // Without --as: the only partnership manager there is; the label in any case.
    const again = await open('--quarter', '2025/26 q3');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain(`0 returns opened, ${opened.length} already open`);
    const list = await runSafer(['returns', 'list', '--quarter', '2025/26 Q3', '--json'], env);
    expect(list.code).toBe(0);
    const { returns } = JSON.parse(list.stdout);
    expect(returns.map((r: { agency: string }) => r.agency).sort()).toEqual(opened);
    const late = new Date().toISOString().slice(0, 10) > '2026-01-31';
    for (const r of returns)
      expect(r).toMatchObject({ quarter: '2025/26 Q3', status: 'open', dueOn: '2026-01-31', late, entered: 0 });
    const table = await runSafer(['returns', 'list'], env);
    expect(table.stdout.split('\n')[0]).toMatch(/^id\s+quarter\s+agency\s+status\s+due\s+late\s+entered$/);
    expect(table.stdout).toMatch(/2025\/26 Q3\s+Police\s+open\s+2026-01-31/);
    expect((await runSafer(['returns', 'list', '--quarter', '2024/25 Q1'], env)).stdout).toBe(
      'no returns for 2024/25 Q1\n',
    );
    const bad = await runSafer(['returns', 'list', '--quarter', 'Q3'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^safer returns list: "Q3" is not a quarter/);
  });

  it('without --as and two partnership managers, asks which (exit 2)', async () => {
    await addUser('deputy@council.example', 'local_authority', 'partnership_manager');
    const run = await open('--quarter', '2025/26 Q4');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'safer returns open: say which partnership manager opens the quarter: --as deputy@council.example or --as manager@council.example\n',
    );
  });
});
