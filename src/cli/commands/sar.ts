import type { Command } from 'commander';
import type { CliContext } from '../context.ts';
import { withDatabase } from '../withDatabase.ts';

/*
 * `safer sar export --person REF --out DIR`: one person's complete record (src/panels/governance/subjectAccess.ts)
 * as DIR/<REF>.json and DIR/<REF>.pdf, third-party details marked for redaction (every staff e-mail among them: the
 * operator releases for no one agency). Audited under the operator (`cli:` + SAFER_IMPORT_USER or the login name):
 * one 'subject-request.export' and a 'case.read' per case.
 */

interface ExportOptions {
  person: string;
  out: string;
}

export function registerSarCommand(program: Command, ctx: CliContext): void {
  const sar = program.command('sar').description('subject access requests');
  sar
    .command('export')
    .description("write one person's complete record as <REF>.json and <REF>.pdf (audited)")
    .requiredOption('--person <REF>', 'the person reference, e.g. P-4HT8-2WQN')
    .requiredOption('--out <DIR>', 'the folder to write to (created if missing)')
    .action(async (opts: ExportOptions) => exportRecord(ctx, opts));
}

async function exportRecord(ctx: CliContext, opts: ExportOptions): Promise<void> {
  const { mkdir, writeFile } = await import('node:fs/promises');
  const { join } = await import('node:path');
  const { REFERENCE_PATTERN } = await import('../../panels/references.ts');
  const { readKeyRing } = await import('../../panels/crypto/keyRing.ts');
  const { exportSubjectAccess, partnershipArea } = await import('../../panels/governance/subjectAccessExport.ts');
  const { subjectAccessReport } = await import('../../panels/governance/subjectAccessReport.ts');
  const { subjectAccessCounts } = await import('../../panels/governance/subjectAccessCounts.ts');
  const { reportPdf } = await import('../../reports/render/pdf.ts');
  const reference = opts.person.trim().toUpperCase();
  if (!REFERENCE_PATTERN.test(reference) || !reference.startsWith('P-'))
    throw new Error(`--person: "${opts.person}" is not a person reference (like P-4HT8-2WQN)`);
  const config = ctx.config();
  const ring = await readKeyRing(config.caseKeys.file);
  const actor = { userId: null, email: `cli:${config.importUser}`, agency: '' };
  const { record, area } = await withDatabase(ctx, async ({ db }) => ({
    record: await exportSubjectAccess(db, ring, actor, reference, {
      releasingAgency: null,
      requestId: null,
      format: 'json+pdf',
      now: new Date(),
    }),
    area: await partnershipArea(db, config.partnershipArea),
  }));
  if (!record) throw new Error(`--person: no person has the reference ${reference}`);
  await mkdir(opts.out, { recursive: true, mode: 0o700 });
  const jsonFile = join(opts.out, `${reference}.json`);
  const pdfFile = join(opts.out, `${reference}.pdf`);
  await writeFile(jsonFile, `${JSON.stringify(record, null, 2)}\n`, { mode: 0o600 });
  ctx.out(`Wrote ${jsonFile}\n`);
  const pdf = await reportPdf(subjectAccessReport(record, area), { chromiumPath: config.chromiumPath });
  await writeFile(pdfFile, pdf, { mode: 0o600 });
  ctx.out(`Wrote ${pdfFile}\n`);
  ctx.out(
    `${reference}: ${subjectAccessCounts(record)}; third-party details are marked "redact": review them before release\n`,
  );
}
