import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSafer } from '../../../test/cliHarness.ts';
import { tempDir } from '../../../test/tempFiles.ts';
import { cliDatabaseEnv } from '../../../test/testDbEnv.ts';
import { SYNTHETIC_PLAN_CSV, SYNTHETIC_PLAN_TITLE } from '../../delivery/import/testing/syntheticPlanTemplate.ts';
import { type LocalSmtpServer, startLocalSmtpServer } from '../../delivery/reminders/testing/localSmtpServer.ts';

/* safer plans import --kind plan, template, report and remind, with exit codes and messages. */

let env: Record<string, string>;
let cleanup: () => Promise<void>;
let smtp: LocalSmtpServer;
const files = tempDir('safer-plan-outputs-');
beforeAll(async () => {
  ({ env, cleanup } = await cliDatabaseEnv());
  smtp = await startLocalSmtpServer();
}, 120_000);
afterAll(async () => {
  await smtp?.close();
  await cleanup();
  files.cleanup();
});

describe('safer plans template, import --kind plan, report, remind', () => {
  it('writes the empty template in CSV and XLSX', async () => {
    const out = join(files.dir, 'empty');
    const csv = await runSafer(['plans', 'template', '--format', 'csv', '--out', out], env);
    expect(csv).toMatchObject({ code: 0, stdout: `wrote ${join(out, 'plan-template.csv')}\n` });
    expect(readFileSync(join(out, 'plan-template.csv'), 'utf8').split('\r\n').slice(0, 6)).toEqual([
      'plan_title,',
      'plan_kind,action-plan',
      'plan_owner_agency,',
      'plan_period,',
      '',
      'theme_number,theme_title,item_number,parent_item_number,kind,category,wording,owner_person,owner_agency,due_date,status,status_reason,update',
    ]);
    const xlsx = await runSafer(['plans', 'template', '--format', 'xlsx', '--out', out], env);
    expect(xlsx.code, xlsx.stderr).toBe(0);
    expect(readFileSync(join(out, 'plan-template.xlsx')).subarray(0, 2).toString('latin1')).toBe('PK');
    expect(await runSafer(['plans', 'template', '--format', 'ods', '--out', out], env)).toMatchObject({
      code: 1,
      stderr: 'safer plans template: --format must be csv or xlsx, not "ods"\n',
    });
  });

  it('imports the SYNTHETIC plan from the template, refuses a bad one, and writes it back', async () => {
    const file = join(files.dir, 'plan.csv');
    writeFileSync(file, SYNTHETIC_PLAN_CSV);
    const run = await runSafer(['plans', 'import', file, '--kind', 'plan'], env);
    expect(run).toMatchObject({ code: 0, stdout: 'created plan 1 (round 1): 3 themes, 6 items\n' });
    const bad = join(files.dir, 'bad.csv');
    writeFileSync(bad, SYNTHETIC_PLAN_CSV.replace(',on track,', ',green,'));
    expect(await runSafer(['plans', 'import', bad, '--kind', 'plan'], env)).toMatchObject({
      code: 1,
      stderr:
        'safer plans import: bad.csv, line 8, column status: "green" is not a status: use not started, on track, at risk, off track, complete, dropped\n',
    });
    const out = join(files.dir, 'filled');
    expect(await runSafer(['plans', 'template', '--format', 'csv', '--plan', '1', '--out', out], env)).toMatchObject({
      code: 0,
      stdout: `wrote ${join(out, 'plan-1-template.csv')}\n`,
    });
    const again = await runSafer(['plans', 'import', join(out, 'plan-1-template.csv'), '--kind', 'plan'], env);
    expect(again).toMatchObject({ code: 0, stdout: 'unchanged plan 1 (round 1): 3 themes, 6 items\n' });
  });

  it('writes the plan report as HTML and Word, and refuses an unknown plan or format', async () => {
    const out = join(files.dir, 'report');
    const run = await runSafer(
      ['plans', 'report', '1', '--format', 'html,docx', '--as-of', '2026-01-27', '--out', out],
      env,
    );
    expect(run.code, run.stderr).toBe(0);
    const base = join(out, 'plan-1-synthetic-community-safety-partnership-plan-2025-2028');
    expect(run.stdout).toBe(`wrote ${base}.html\nwrote ${base}.docx\n`);
    const html = readFileSync(`${base}.html`, 'utf8');
    expect(html).toContain(SYNTHETIC_PLAN_TITLE);
    expect(html).toContain('Agree a licensing condition for late venues, including search on entry (SYNTHETIC)');
    expect(await runSafer(['plans', 'report', '9', '--out', out], env)).toMatchObject({
      code: 1,
      stderr: 'safer plans report: there is no plan 9\n',
    });
    expect((await runSafer(['plans', 'report', '1', '--format', 'odt', '--out', out], env)).stderr).toBe(
      'safer plans report: format: unknown "odt"; choose from html, pdf, docx, xlsx\n',
    );
  });

  it('reminds by e-mail only when a mail server is configured', async () => {
    expect(await runSafer(['plans', 'remind', '--today', '2026-01-27'], env)).toMatchObject({
      code: 1,
      stderr:
        'safer plans remind: e-mail is not configured: set SAFER_SMTP_URL and SAFER_MAIL_FROM; nothing was sent\n',
    });
    const mailEnv = { ...env, SAFER_SMTP_URL: smtp.url, SAFER_MAIL_FROM: 'safer@csp.example' };
    const dry = await runSafer(['plans', 'remind', '--dry-run', '--today', '2026-01-27'], mailEnv);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(
      /^would send to amina\.khan@example\.org: Safer: 1 plan item needs your update \(items \d+\)\nwould send to sgt\.obi@example\.org: Safer: 1 plan item needs your update \(items \d+\)\n$/,
    );
    expect(smtp.received).toEqual([]);
    const sent = await runSafer(['plans', 'remind', '--today', '2026-01-27'], mailEnv);
    expect(sent.code, sent.stderr).toBe(0);
    expect(smtp.received.map((m) => m.to)).toEqual([['amina.khan@example.org'], ['sgt.obi@example.org']]);
    const twice = await runSafer(['plans', 'remind', '--today', '2026-01-27'], mailEnv);
    expect(twice.stdout).toBe(
      'already reminded on 2026-01-27: amina.khan@example.org\nalready reminded on 2026-01-27: sgt.obi@example.org\n',
    );
    expect(smtp.received).toHaveLength(2);
  });
});
