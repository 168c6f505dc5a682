import { sql } from 'kysely';
import type { Actor } from '../../../../auth/policy.ts';
import { AnalysisError } from '../../../../analysis/figure.ts';
import type { AnalysisResult } from '../../../../analysis/analysisResult.ts';
import { periodOf } from '../../../../analysis/requestPeriod.ts';
import type { Dimension } from '../../../../analysis/request.ts';
import { analyseFor } from '../../../../release/analyseFor.ts';
import { dataVersion } from '../../../../release/dataVersion.ts';
import { sourceAccessCached } from '../../../../release/sourceAccess.ts';
import { formatMonth } from '../../../../domain/periods/month.ts';
import type { Services } from '../../../../services.ts';
import { HttpError } from '../../../errors.ts';
import type { ResolvedFilters } from '../dashboardQuery.ts';

/** A figure the page could produce, or the reason it could not, in words people read. */
export type Outcome = { ok: true; result: AnalysisResult } | { ok: false; reason: string };

/** What is counted: one of the serious-violence definitions, or an offence category. */
export type Counted = { definition: string } | { category: string };

export const PERSON_DIMENSIONS = [
  'victim-age',
  'suspect-age',
  'victim-sex',
  'suspect-sex',
  'victim-ethnicity',
  'suspect-ethnicity',
  'victim-suspect-overlap',
] as const satisfies readonly Dimension[];
export type PersonDimension = (typeof PERSON_DIMENSIONS)[number];

export interface PeopleFigures {
  person: Record<PersonDimension, Outcome>;
  searchEthnicity: Outcome;
  searchOutcome: Outcome;
  /** True when this reader sees partner police figures only as aggregates (the data is restricted or personal to another agency). */
  partnerAggregateOnly: boolean;
  /** The strictest classification behind partner police figures (e.g. 'personal'), for the notice. */
  partnerClassification: string;
  /** The latest 12 months police.uk stop-and-search records hold, offered when the chosen period has none. */
  searchLatestPeriod: string | null;
}

/**
 * Only AnalysisError is a reason to show the reader; anything else is a bug and goes to the error page.
 * `onlySource` drops the engine's list of other sources that cannot count it (for stop and search, every other one).
 */
async function settle(work: Promise<AnalysisResult>, onlySource = false): Promise<Outcome> {
  try {
    return { ok: true, result: await work };
  } catch (error) {
    if (error instanceof AnalysisError)
      return {
        ok: false,
        reason: onlySource ? error.message.replace(/; other sources cannot: .*$/s, '') : error.message,
      };
    throw error;
  }
}

/** A period that cannot be read is the reader's mistake (400), not nine "cannot be produced" messages. */
export function checkPeriod(period: string): void {
  try {
    periodOf(period);
  } catch (error) {
    if (error instanceof AnalysisError) throw new HttpError(400, 'VALIDATION', `period: ${error.message}`);
    throw error;
  }
}

/** Every figure the People page shows, through analyseFor (access rules, disclosure control, audit, cache), in parallel. */
export async function peopleFigures(
  services: Services,
  actor: Actor,
  filters: ResolvedFilters,
  counted: Counted,
  ip?: string,
): Promise<PeopleFigures> {
  const audit = { ip };
  const common = { area: filters.area.code, period: filters.period };
  const person = Object.fromEntries(
    await Promise.all(
      PERSON_DIMENSIONS.map(
        async (by) =>
          [by, await settle(analyseFor(services, actor, { ...counted, ...common, by }, 'page', audit))] as const,
      ),
    ),
  ) as Record<PersonDimension, Outcome>;
  const search = { category: 'stop and search', ...common };
  const [searchEthnicity, searchOutcome, access, latest] = await Promise.all([
    settle(analyseFor(services, actor, { ...search, by: 'ethnicity' }, 'page', audit), true),
    settle(analyseFor(services, actor, { ...search, by: 'outcome' }, 'page', audit), true),
    dataVersion(services.db).then((version) => sourceAccessCached(services.db, actor, version)),
    latestSearchMonth(services),
  ]);
  const label = latest ? `12 months to ${formatMonth(latest)}` : null;
  return {
    person,
    searchEthnicity,
    searchOutcome,
    partnerAggregateOnly: access.access.get('partner-police') === 'aggregate',
    partnerClassification: access.classification.get('partner-police') ?? 'restricted',
    searchLatestPeriod: label && label !== filters.period ? label : null,
  };
}

/** Once per data version (keyed by the database object too, as test databases can share a version string). */
const latestCache = new WeakMap<object, { version: string; latest: Promise<string | null> }>();

async function latestSearchMonth(services: Services): Promise<string | null> {
  const version = await dataVersion(services.db);
  const hit = latestCache.get(services.db);
  if (hit && hit.version === version) return hit.latest;
  const latest = queryLatestSearchMonth(services);
  latestCache.set(services.db, { version, latest });
  latest.catch(() => latestCache.delete(services.db));
  return latest;
}

async function queryLatestSearchMonth(services: Services): Promise<string | null> {
  const row = await services.db
    .selectFrom('count_slice')
    .select(sql<string | null>`to_char(max(month), 'YYYY-MM')`.as('latest'))
    .where('series', '=', 'police-uk-stop-search')
    .where('superseded_by', 'is', null)
    .executeTakeFirst();
  return row?.latest ?? null;
}
