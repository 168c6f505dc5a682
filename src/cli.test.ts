import { describe, expect, it } from 'vitest';
import { runCli } from './cli.ts';
import type { CliContext } from './cli/context.ts';

function capture(): { ctx: CliContext; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  const ctx: CliContext = {
    config: () => {
      throw new Error('help must not need the configuration');
    },
    out: (s) => void (out += s),
    err: (s) => void (err += s),
    isTty: false,
    exitCode: 0,
  };
  return { ctx, out: () => out, err: () => err };
}

describe('safer help (commands load only when run)', () => {
  it('lists every command with its summary', async () => {
    const c = capture();
    expect(await runCli(['node', 'safer', '--help'], c.ctx)).toBe(0);
    const listed = [...c.out().matchAll(/^ {2}(\S+)/gm)].map((m) => m[1]);
    expect(listed).toEqual([
      '-h,',
      'migrate',
      'import',
      'synthesise',
      'imports',
      'areas',
      'analyse',
      'definitions',
      'indicators',
      'returns',
      'plans',
      'registers',
      'screening',
      'panels',
      'retention',
      'sar',
      'keys',
      'serve',
      'users',
      'tokens',
      'audit',
      'pack',
      'report',
      'demo',
      'help',
    ]);
    expect(c.out()).toContain('import files or folders of files; each file is imported whole');
  });

  it("shows a command's own options, with the summary as its description", async () => {
    const c = capture();
    expect(await runCli(['node', 'safer', 'import', '--help'], c.ctx)).toBe(0);
    expect(c.out()).toMatch(/^Usage: safer import \[options\] <paths\.\.\.>/m);
    expect(c.out()).toContain('--extract-date');
    expect(c.out()).toContain('import files or folders of files; each file is imported whole or not at all');
  });

  it('answers `safer help users` as `safer users --help`', async () => {
    const c = capture();
    await runCli(['node', 'safer', 'help', 'users'], c.ctx);
    expect(c.out()).toContain('add [options]');
  });

  it('refuses an unknown command, naming it', async () => {
    const c = capture();
    expect(await runCli(['node', 'safer', 'imprt'], c.ctx)).toBe(1);
    expect(c.err()).toContain("unknown command 'imprt'");
  });
});
