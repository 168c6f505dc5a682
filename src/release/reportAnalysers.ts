import type { Kysely } from 'kysely';
import type { Actor } from '../auth/policy.ts';
import type { AnalysisResult } from '../analysis/analysisResult.ts';
import type { AnalysisRequestInput } from '../analysis/request.ts';
import { runAnalysis } from '../analysis/runAnalysis.ts';
import type { DB } from '../db/schema.ts';
import type { Definition } from '../domain/definitions/definitionSchema.ts';
import { analyseFor } from './analyseFor.ts';
import { protectResult } from './figureDisclosure.ts';
import type { ReleaseServices } from './releaseServices.ts';
import { disclosureRuleFor, sourceAccessFor, sourceIdNamed } from './sourceAccess.ts';

/** Internal: small numbers shown to readers allowed to see them. Public: every source owner's disclosure rule applied. */
export type ReportEdition = 'internal' | 'public';
export type ReportAnalyser = (input: AnalysisRequestInput) => Promise<AnalysisResult>;

/**
 * Figures for a report built by a signed-in reader: through analyseFor, so a report obeys the same access rules,
 * disclosure control and audit as a page (internal edition) or a download (public edition: the rule of every
 * restricted or personal source applied, whatever the reader may see themselves).
 */
export function readerReportAnalyser(
  services: ReleaseServices,
  actor: Actor,
  edition: ReportEdition,
  ip?: string,
): ReportAnalyser {
  const use = edition === 'public' ? 'export' : 'page';
  return (input) => analyseFor(services, actor, input, use, { ip });
}

/**
 * Figures for a report built from the command line by the operator, who holds the database itself (as
 * `safer analyse` does): the internal edition unprotected, the public edition with each source's disclosure rule.
 */
export function operatorReportAnalyser(
  db: Kysely<DB>,
  definitions: readonly Definition[],
  edition: ReportEdition,
): ReportAnalyser {
  let classifications: ReturnType<typeof sourceAccessFor> | null = null;
  return async (input) => {
    const raw = await runAnalysis(db, definitions, input);
    if (edition === 'internal') return raw;
    // Classification is the data's, not the reader's: any actor gives the same map.
    classifications ??= sourceAccessFor(db, { id: 0, email: 'operator', agency: 'operator', role: 'viewer' });
    const source = sourceIdNamed(raw.vintage.source);
    const rule = disclosureRuleFor(source, (source && (await classifications).classification.get(source)) ?? 'public');
    if (rule === null) return raw;
    const { result, suppressedFigures } = protectResult(raw, rule);
    return {
      ...result,
      warnings: [
        ...raw.warnings,
        `Disclosure control applied (${rule.description}): ${suppressedFigures === 0 ? 'no figure needed suppressing' : `${suppressedFigures} suppressed`}.`,
      ],
    };
  };
}
