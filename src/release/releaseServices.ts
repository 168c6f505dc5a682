import type { Kysely } from 'kysely';
import type { AnalysisError } from '../analysis/figure.ts';
import type { AnalysisResult } from '../analysis/analysisResult.ts';
import type { DB } from '../db/schema.ts';
import type { Definition } from '../domain/definitions/definitionSchema.ts';
import type { ResultCache } from './resultCache.ts';

/**
 * What the release layer needs from the application, declared here so that
 * the layer never imports src/services.ts or src/http: pages, the API and
 * downloads call down into it and nothing calls back up. The services object
 * (src/services.ts) has all of it, so callers pass that.
 */
export interface ReleaseServices {
  /** The database figures come from; the layer's own memory (what was audited) is kept per database. */
  readonly db: Kysely<DB>;
  /** Serious-violence definitions. */
  readonly definitions: () => Promise<Definition[]>;
  /** Released results (and the engine's reasons for none) by data version, access scope, release mode and request. */
  readonly analysisCache: ResultCache<AnalysisResult | AnalysisError>;
  /** The clock, for audit records. */
  readonly now: () => Date;
}

/** What recording a read in the audit log needs. */
export type AuditServices = Pick<ReleaseServices, 'db' | 'now'>;
