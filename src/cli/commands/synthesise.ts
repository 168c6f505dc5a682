import { resolve } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import type { CliContext } from '../context.ts';
import { withDatabase } from '../withDatabase.ts';

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'use YYYY-MM');
const Options = z
  .object({
    borough: z.string().min(1),
    from: Month,
    to: Month,
    out: z.string().min(1),
    seed: z.coerce
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .default(1),
    site: z
      .string()
      .regex(/^[A-Z][A-Z0-9]{2,5}$/, 'an ODS site code, e.g. R1H12')
      .optional(),
  })
  .refine((o) => o.from <= o.to, { message: '--from must not be after --to', path: ['from'] });

export function registerSynthesiseCommand(program: Command, ctx: CliContext): void {
  program
    .command('synthesise')
    .requiredOption('--borough <name-or-code>', 'London borough name or E09 code')
    .requiredOption('--from <YYYY-MM>', 'first month')
    .requiredOption('--to <YYYY-MM>', 'last month')
    .requiredOption('--out <dir>', 'folder to write the two files into')
    .option('--seed <n>', 'random seed: the same seed and data give the same bytes', '1')
    .option('--site <code>', "ODS site code for the A&E rows (default SYN + the borough code's last two digits)")
    .action(async (raw: unknown) => {
      // Loaded when the command runs, not for `safer synthesise --help` (src/cli.ts).
      const { findBorough } = await import('../../synth/syntheticSources.ts');
      const { synthesiseExtracts, SynthesiseError } = await import('../../synth/synthesiseExtracts.ts');
      const parsed = Options.safeParse(raw);
      if (!parsed.success) {
        ctx.err(
          `safer synthesise: ${parsed.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join('; ')}\n`,
        );
        ctx.exitCode = 2;
        return;
      }
      const opts = parsed.data;
      await withDatabase(ctx, async ({ db }) => {
        const borough = await findBorough(db, opts.borough);
        if (!borough) {
          ctx.err(
            `safer synthesise: "${opts.borough}" is not a London borough name or E09 code Safer knows (see safer areas --type borough)\n`,
          );
          ctx.exitCode = 2;
          return;
        }
        try {
          const r = await synthesiseExtracts(db, {
            boroughCode: borough.code,
            boroughName: borough.name,
            from: opts.from,
            to: opts.to,
            outDir: resolve(opts.out),
            seed: opts.seed,
            siteCode: opts.site,
          });
          ctx.out(
            `SYNTHETIC data for ${borough.name} (${borough.code}), ${opts.from} to ${opts.to}, seed ${opts.seed}:\n`,
          );
          ctx.out(`  ${r.policeFile}: ${r.policeRecords} police records (one per offence counted by the MPS)\n`);
          ctx.out(`  ${r.aeFile}: ${r.aeAttendances} A&E assault attendances (site ${r.siteCode})\n`);
          ctx.out(
            `  ethnicity shares: ${r.ethnicitySource === 'census2021-ts021' ? 'Census 2021 TS021 for the borough' : 'London Census 2021 constants (TS021 not imported)'}\n`,
          );
          ctx.out('These files are synthetic. Import them with: safer import <file>\n');
        } catch (error) {
          if (!(error instanceof SynthesiseError)) throw error;
          ctx.err(`safer synthesise: ${error.message}\n`);
          ctx.exitCode = 1;
        }
      });
    });
}
