import type { Kysely } from 'kysely';
import { canReadData, type Actor } from '../auth/policy.ts';
import type { DB } from '../db/schema.ts';
import type { Classification } from '../db/tables/core.ts';
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
  const batches = await db.selectFrom('import_batch')
    .select(['series', 'classification', 'owning_agency'])
    .where('status', '=', 'imported')
    .groupBy(['series', 'classification', 'owning_agency'])
    .execute();
  const access = new Map<SourceId, SourceAccess>();
  const classification = new Map<SourceId, Classification>();
  for (const id of SOURCES) {
    const pattern = new RegExp(`^${SOURCE_INFO[id].series.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*')}$`);
    const behind = batches.filter((b) => pattern.test(b.series));
    const direct = behind.every((b) => canReadData(actor, { classification: b.classification, owningAgency: b.owning_agency }));
    access.set(id, direct ? 'direct' : 'aggregate');
    classification.set(id, behind.reduce<Classification>((c, b) => (STRICTNESS.indexOf(b.classification) > STRICTNESS.indexOf(c) ? b.classification : c), 'public'));
  }
  return { access, classification };
}

/** A cache key for everything that decides what this reader sees. */
export const accessKey = (actor: Actor): string => `${actor.role}@${actor.agency}`;
