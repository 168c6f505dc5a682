import { AsyncLocalStorage } from 'node:async_hooks';
import type { Kysely } from 'kysely';
import type { Actor } from '../auth/policy.ts';
import { recordAuditAlone, recordAuditsTogether } from '../audit/auditTogether.ts';
import type { AuditEvent } from '../audit/recordAudit.ts';
import type { DB } from '../db/schema.ts';
import type { Classification } from '../db/tables/core.ts';
import type { DisclosureRule } from '../domain/disclosure/disclosureRule.ts';
import { runAnalysis } from '../analysis/runAnalysis.ts';
import { AnalysisError } from '../analysis/figure.ts';
import type { AnalysisResult } from '../analysis/analysisResult.ts';
import type { AnalysisRequestInput, SourceId } from '../analysis/request.ts';
import { dataVersion, withDataVersion } from './dataVersion.ts';
import { protectResult } from './figureDisclosure.ts';
import type { AuditServices, ReleaseServices } from './releaseServices.ts';
import { ResultCache } from './resultCache.ts';
import { accessKey, disclosureRuleFor, sourceAccessCached, sourceIdNamed, type SourceAccess } from './sourceAccess.ts';

/** Where a figure is going: a page, the JSON API or a download. Audit records say which. */
export type FigureUse = 'page' | 'api' | 'export';

/** How a result was released: its source, the reader's access to it, and the rule applied (null when none). */
export interface FigureRelease {
  source: SourceId | null;
  classification: Classification;
  access: SourceAccess;
  rule: DisclosureRule | null;
  suppressedFigures: number;
}

// Results are shared through the cache, so what was done to them travels beside them, not inside the CLI's JSON.
const releases = new WeakMap<AnalysisResult, FigureRelease>();

/** How a result from analyseFor was released (for download notes and tests). */
export const releaseOf = (result: AnalysisResult): FigureRelease | undefined => releases.get(result);

// What each reader has already been recorded reading: the first read of a distinct query (per reader, source,
// use and data version) is recorded; repeats of the same page are not, so a busy dashboard does not queue every
// view behind the audit chain's lock while every distinct question asked of restricted data still leaves a trace.
// Kept per database, as the audit log is: two databases can share reader ids and a data version string.
const auditedByDatabase = new WeakMap<Kysely<DB>, ResultCache<true>>();

function alreadyAuditedIn(db: Kysely<DB>): ResultCache<true> {
  let audited = auditedByDatabase.get(db);
  if (!audited) {
    audited = new ResultCache<true>(20_000);
    auditedByDatabase.set(db, audited);
  }
  return audited;
}

/**
 * The one door from pages, API and downloads to the analysis engine: applies
 * the reader's access to sources, the owner's disclosure control where the
 * reader may not read the rows (and on every API answer and download of
 * restricted or personal sources), caches per data version, access scope and
 * release mode, and returns the same JSON the CLI prints. A figure from a
 * source the reader reads only in aggregate is recorded in the audit log:
 * every API answer and export, and the first page view of each distinct
 * query per reader and data version (docs/decisions/0003).
 */
export async function analyseFor(
  services: ReleaseServices,
  actor: Actor,
  input: AnalysisRequestInput,
  use: FigureUse = 'page',
  context: { ip?: string } = {},
): Promise<AnalysisResult> {
  // One data version for the whole answer (a page's scope, when it runs inside one), so the analysis's reference
  // lookups are remembered under it (analysis/referenceMemo.ts) and the version is read once, not per lookup.
  return withDataVersion(services.db, () => analyseInScope(services, actor, input, use, context));
}

async function analyseInScope(
  services: ReleaseServices,
  actor: Actor,
  input: AnalysisRequestInput,
  use: FigureUse,
  context: { ip?: string },
): Promise<AnalysisResult> {
  const version = await dataVersion(services.db);
  const sources = await sourceAccessCached(services.db, actor, version);
  const mode = use === 'page' ? 'page' : 'release';
  const key = `${version}|${accessKey(actor)}|${mode}|${JSON.stringify(input)}`;
  const outcome = await services.analysisCache.getOrCompute(key, async () => {
    try {
      return await releaseFigures();
    } catch (error) {
      // "No data" and "cannot produce" answers depend only on the data version: cache them too.
      if (error instanceof AnalysisError) return error;
      throw error;
    }
  });
  if (outcome instanceof AnalysisError) throw outcome;
  const result = outcome;
  const release = releases.get(result);
  if (release && release.access === 'aggregate') {
    if (use === 'page') pageReads.getStore()?.push({ input, release });
    await auditAggregateRead(services, actor, input, use, release, context.ip, version);
  }
  return result;

  async function releaseFigures(): Promise<AnalysisResult> {
    const definitions = await services.definitions();
    const raw = await runAnalysis(services.db, definitions, input, { allowedSources: new Set(sources.access.keys()) });
    const source = sourceIdNamed(raw.vintage.source);
    const access = (source && sources.access.get(source)) ?? 'direct';
    const classification = (source && sources.classification.get(source)) ?? 'public';
    const rule = disclosureRuleFor(source, classification);
    if (rule === null || (access === 'direct' && use === 'page')) {
      releases.set(raw, { source, classification, access, rule: null, suppressedFigures: 0 });
      return raw;
    }
    const { result: protectedResult, suppressedFigures } = protectResult(raw, rule);
    const released: AnalysisResult = {
      ...protectedResult,
      warnings: [
        ...raw.warnings,
        `Disclosure control applied (${rule.description}): ${suppressedFigures === 0 ? 'no figure needed suppressing' : `${suppressedFigures} figure${suppressedFigures === 1 ? '' : 's'} suppressed`}.`,
      ],
    };
    releases.set(released, { source, classification, access, rule, suppressedFigures });
    return released;
  }
}

/** A page's read of a source the reader sees only in aggregate: replayed for each reader a cached page is served to. */
export interface PageRead {
  input: AnalysisRequestInput;
  release: FigureRelease;
}

const pageReads = new AsyncLocalStorage<PageRead[]>();

/** Runs a page's work and returns, beside its value, the aggregate-only reads it made (for auditPageReads). */
export async function collectPageReads<T>(run: () => Promise<T>): Promise<{ value: T; reads: PageRead[] }> {
  const reads: PageRead[] = [];
  const value = await pageReads.run(reads, run);
  return { value, reads };
}

/**
 * Records a cached page's reads for the reader it is now served to, exactly as analyseFor would have (once per
 * distinct query), in one transaction with any other page's reads waiting to be written (audit/auditTogether.ts).
 */
export async function auditPageReads(
  services: AuditServices,
  actor: Actor,
  reads: readonly PageRead[],
  ip: string | undefined,
  version: string,
): Promise<void> {
  const now = services.now();
  const events = reads
    .filter((read) => firstPageRead(services.db, actor, read.input, read.release, version))
    .map((read) => ({ event: aggregateReadEvent(actor, read.input, 'page', read.release, ip), now }));
  await recordAuditsTogether(services.db, events);
}

async function auditAggregateRead(
  services: AuditServices,
  actor: Actor,
  input: AnalysisRequestInput,
  use: FigureUse,
  release: FigureRelease,
  ip: string | undefined,
  version: string,
): Promise<void> {
  // Exports and API answers are recorded every time; page views once per distinct query.
  if (use === 'page' && !firstPageRead(services.db, actor, input, release, version)) return;
  await recordAuditAlone(services.db, aggregateReadEvent(actor, input, use, release, ip), services.now());
}

/** Whether this reader's page view of this query is the first since the data changed (and notes that it was). */
function firstPageRead(
  db: Kysely<DB>,
  actor: Actor,
  input: AnalysisRequestInput,
  release: FigureRelease,
  version: string,
): boolean {
  const key = `${actor.id}|page|${release.source}|${version}|${JSON.stringify(input)}`;
  const audited = alreadyAuditedIn(db);
  if (audited.get(key)) return false;
  audited.set(key, true);
  return true;
}

function aggregateReadEvent(
  actor: Actor,
  input: AnalysisRequestInput,
  use: FigureUse,
  release: FigureRelease,
  ip: string | undefined,
): AuditEvent {
  return {
    action: 'read.aggregate',
    actor: { userId: actor.id, email: actor.email, agency: actor.agency },
    subjectType: 'source',
    subjectId: release.source ?? 'unknown',
    ip,
    details: {
      via: use,
      classification: release.classification,
      rule: release.rule?.id ?? null,
      suppressedFigures: release.suppressedFigures,
      request: {
        definition: input.definition ?? null,
        category: input.category ?? null,
        area: input.area,
        period: input.period,
        by: input.by ?? 'none',
      },
    },
  };
}
