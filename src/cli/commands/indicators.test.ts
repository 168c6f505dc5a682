import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../cli.ts';
import type { CliContext } from '../context.ts';

function context(): CliContext & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    config: () => {
      throw new Error('indicators needs no configuration');
    },
    out: (s) => stdout.push(s),
    err: (s) => stderr.push(s),
    isTty: false,
    exitCode: 0,
  };
}

describe('safer indicators', () => {
  it('prints a table: id, name, theme, lead agency, subgroup, unit, polarity, source and target', async () => {
    const ctx = context();
    expect(await runCli(['node', 'safer', 'indicators'], ctx)).toBe(0);
    const lines = ctx.stdout.join('').trimEnd().split('\n');
    expect(lines[0]).toMatch(/^id +version +name +theme +lead agency +subgroup +unit +polarity +source +target$/);
    expect(lines).toHaveLength(2 + 64);
    const row = (id: string) => lines.find((l) => l.startsWith(`${id} `)) ?? '';
    expect(row('total-notifiable-offences')).toMatch(
      /Total notifiable offences +total-crime +police +TTCG +count +lower-is-better +computed: mps_old Total Notifiable Offences +no target/,
    );
    expect(row('tension-monitoring-meetings')).toMatch(
      /local_authority +TMG +count +higher-is-better +returned +4 \(amber within 25%\)$/,
    );
    expect(row('first-time-entrants-rate')).toContain('rate per 100,000 young people aged 10–17');
    expect(row('knife-injury-victims-under-25')).toContain('computed: definition knife-injury-victims-1-24');
  });

  it('--json gives the themes and the parsed indicators', async () => {
    const ctx = context();
    expect(await runCli(['node', 'safer', 'indicators', '--json'], ctx)).toBe(0);
    const parsed = JSON.parse(ctx.stdout.join('')) as {
      themes: { id: string }[];
      indicators: { id: string; unit: { kind: string; numerator?: string } }[];
    };
    expect(parsed.themes).toHaveLength(13);
    expect(parsed.indicators).toHaveLength(64);
    expect(parsed.indicators.find((i) => i.id === 'youth-custodial-sentences')?.unit).toEqual({
      kind: 'percentage',
      numerator: 'custodial sentences',
      denominator: 'court disposals',
    });
  });

  it('a broken folder: exit 1, the file and the problem on stderr, nothing on stdout', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'safer-indicators-cli-'));
    try {
      await writeFile(join(dir, 'themes.json'), '{"themes": [{"id": "violence", "name": "Violence", "order": 1}]}');
      const ctx = context();
      expect(await runCli(['node', 'safer', 'indicators', '--dir', dir], ctx)).toBe(1);
      expect(ctx.stdout).toEqual([]);
      expect(ctx.stderr.join('')).toMatch(/^safer: themes\.json: not a valid themes file: themes\.0\.citation/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
