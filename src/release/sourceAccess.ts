import type { Kysely } from 'kysely';
import { canExportData, canReadData, type Actor } from '../auth/policy.ts';
import type { DB } from '../db/schema.ts';
import type { Classification } from '../db/tables/core.ts';
import { DISCLOSURE_RULES, type DisclosureRule } from '../domain/disclosure/disclosureRule.ts';
import { SOURCES, type SourceId } from '../analysis/request.ts';
import { SOURCE_INFO } from '../analysis/sources.ts';

/**
 * How a reader may use a source's figures (docs/decisions/0003):
 * 'direct' when they may read every live batch behind it; 'aggregate' when
 * some batch is restricted or personal to another agency, so figures are shown
 * only with the owner's disclosure control applied and each read is audited.
 */
export type SourceAccess = 'direct' | 'aggregate';

export interface SourceAccessMap {
  access: ReadonlyMap<SourceId, SourceAccess>;
  /** The strictest classification behind each source, for disclosure rules and audit. */
  classification: ReadonlyMap<SourceId, Classification>;
}

const STRICTNESS: Classification[] = ['public', 'partnership', 'restricted', 'personal'];

export async function sourceAccessFor(db: Kysely<DB>, actor: Actor): Promise<SourceAccessMap> {
  const batches = await db
    .selectFrom('import_batch')
    .select(['series', 'classification', 'owning_agency'])
    .where('status', '=', 'imported')
    .groupBy(['series', 'classification', 'owning_agency'])
    .execute();
  const access = new Map<SourceId, SourceAccess>();
  const classification = new Map<SourceId, Classification>();
  for (const id of SOURCES) {
    const pattern = new RegExp(
      `^${SOURCE_INFO[id].series.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*')}$`,
    );
    const behind = batches.filter((b) => pattern.test(b.series));
    const direct = behind.every((b) =>
      canReadData(actor, { classification: b.classification, owningAgency: b.owning_agency }),
    );
    access.set(id, direct ? 'direct' : 'aggregate');
    classification.set(
      id,
      behind.reduce<Classification>(
        (c, b) => (STRICTNESS.indexOf(b.classification) > STRICTNESS.indexOf(c) ? b.classification : c),
        'public',
      ),
    );
  }
  return { access, classification };
}

/**
 * The same map, worked out once per data version and access scope. Keyed by
 * the database object too: two test databases can share a version string.
 */
const cached = new WeakMap<object, { version: string; byScope: Map<string, Promise<SourceAccessMap>> }>();

export function sourceAccessCached(db: Kysely<DB>, actor: Actor, version: string): Promise<SourceAccessMap> {
  let entry = cached.get(db);
  if (!entry || entry.version !== version) {
    entry = { version, byScope: new Map() };
    cached.set(db, entry);
  }
  const scope = accessKey(actor);
  let map = entry.byScope.get(scope);
  if (!map) {
    map = sourceAccessFor(db, actor);
    entry.byScope.set(scope, map);
    const byScope = entry.byScope;
    map.catch(() => byScope.delete(scope));
  }
  return map;
}

/** A cache key for everything that decides what this reader sees. */
export const accessKey = (actor: Actor): string => `${actor.role}@${actor.agency}`;

/** Which source a result came from (its vintage names it). */
export function sourceIdNamed(name: string): SourceId | null {
  return SOURCES.find((id) => SOURCE_INFO[id].name === name) ?? null;
}

/**
 * The owner's disclosure rule for a source's figures, or null when its
 * figures are public or partnership data. Partner police records are
 * case-derived; A&E (ISTV) attendances follow the NHS hospital rule.
 */
export function disclosureRuleFor(source: SourceId | null, classification: Classification): DisclosureRule | null {
  if (classification !== 'restricted' && classification !== 'personal') return null;
  if (source !== null && SOURCE_INFO[source].series.startsWith('partner-ae')) return DISCLOSURE_RULES.nhsHospital;
  return DISCLOSURE_RULES.caseDerived;
}

/**
 * Whether this reader may download figures (CSV, XLSX, chart images). A
 * download is aggregate figures with disclosure control applied, which the
 * partnership may share among its members: the EXPORT_RULES row for
 * partnership data decides (viewers and administrators may not export).
 */
export const mayExportFigures = (actor: Actor): boolean =>
  canExportData(actor, { classification: 'partnership', owningAgency: actor.agency });
