import { describe, expect, it } from 'vitest';
import { runCli } from '../../cli.ts';
import type { CliContext } from '../context.ts';

function context(): CliContext & { output: string[] } {
  const output: string[] = [];
  return {
    output,
    config: () => {
      throw new Error('definitions needs no configuration');
    },
    out: (s) => output.push(s),
    err: (s) => output.push(s),
    isTty: false,
    exitCode: 0,
  };
}

describe('safer definitions', () => {
  it('lists id, version and name', async () => {
    const ctx = context();
    expect(await runCli(['node', 'safer', 'definitions'], ctx)).toBe(0);
    const text = ctx.output.join('');
    expect(text).toMatch(/^id +version +name/);
    expect(text).toMatch(/knife-injury-victims-1-24 +1 +Knife crime with injury, victims 1–24/);
  });

  it('--json gives the full definitions', async () => {
    const ctx = context();
    await runCli(['node', 'safer', 'definitions', '--json'], ctx);
    const parsed = JSON.parse(ctx.output.join('')) as {
      definitions: { id: string; version: number; name: string; requires: string[] }[];
    };
    expect(parsed.definitions.find((d) => d.id === 'serious-violence-duty-tower-hamlets')?.requires).toEqual([
      'victim_age',
      'suspect_age',
      'domestic_abuse',
      'hate_crime',
    ]);
  });
});
