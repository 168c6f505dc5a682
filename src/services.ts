import { randomBytes } from 'node:crypto';
import type { Config } from './config.ts';
import type { Database } from './db/createDatabase.ts';
import type { LockoutPolicy } from './auth/passwordSignIn.ts';
import type { SessionLimits } from './auth/sessions.ts';
import type { AnalysisError } from './analysis/figure.ts';
import type { AnalysisResult } from './analysis/analysisResult.ts';
import { loadDefinitions } from './analysis/loadDefinitions.ts';
import type { Definition } from './domain/definitions/definitionSchema.ts';
import { ResultCache } from './release/resultCache.ts';
import { cachedPageBytes, type CachedPage } from './http/pages/dashboard/cachedPage.ts';
import { BuildJobs } from './reports/jobs/buildJobs.ts';
import { OidcClients } from './auth/oidc/oidcClient.ts';
import { type IndicatorSetStatus, loadIndicatorSet } from './performance/store/indicatorSet.ts';
import { loadRegisters, type RegisterSet } from './registers/loadRegisters.ts';
import { type RegisterContext, registerContext } from './registers/registerContext.ts';
import { openKeyRing } from './panels/crypto/keyRing.ts';
import { loadPanels, type PanelSet, syncPanels } from './panels/loadPanels.ts';
import { loadScreeningTools, type ScreeningToolSet } from './panels/screening/toolSet.ts';

export interface ServiceDeps {
  config: Config;
  database: Database;
  /** The clock; tests move it to expire sessions and locks. */
  now?: () => Date;
}

/**
 * Everything the web application needs, wired by hand in one place. No
 * container: a new dependency is a new line here.
 */
export function services({ config, database, now = () => new Date() }: ServiceDeps) {
  const sessionLimits: SessionLimits = {
    idleMinutes: config.web.sessionIdleMinutes,
    absoluteHours: config.web.sessionAbsoluteHours,
  };
  const lockout: LockoutPolicy = { maxFailures: 5, lockMinutes: 15 };
  let definitions: Promise<Definition[]> | null = null;
  let indicatorSet: Promise<IndicatorSetStatus> | null = null;
  let registers: Promise<RegisterSet> | null = null;
  const registerSetOnce = (): Promise<RegisterSet> => (registers ??= loadRegisters());
  return {
    config,
    database,
    db: database.db,
    now,
    sessionLimits,
    lockout,
    /** Signs pre-sign-in CSRF tokens; a fresh random key per process when none is configured (development). */
    signingKey: config.sessionSecret ?? randomBytes(32).toString('hex'),
    secureCookies: config.env === 'production',
    /** Serious-violence definitions from definitions/, read once. */
    definitions: (): Promise<Definition[]> => (definitions ??= loadDefinitions()),
    /** The performance indicators: indicators/ read once and new file versions copied into the database (src/performance). */
    indicatorSet: (): Promise<IndicatorSetStatus> =>
      (indicatorSet ??= loadIndicatorSet(database.db).catch((error: unknown) => {
        indicatorSet = null; // a failed read is retried on the next request, not remembered
        throw error;
      })),
    /** The operational registers from registers/, read once (src/registers). */
    registers: registerSetOnce,
    /** What saving, importing and counting register entries need: the registers, the borough's places, today. */
    registerContext: async (at: Date = now()): Promise<RegisterContext> =>
      registerContext(database.db, await registerSetOnce(), config.partnershipArea, at),
    /** The keys sealing special category fields of people and cases, from the key file outside the database. */
    caseKeys: untilFailure(() => openKeyRing(config.caseKeys.file, config.caseKeys.createIfMissing)),
    /** The panels (MASH, MACE, MARAC, IOM, the partnership's own) from panels/, read once and copied into the database. */
    panels: untilFailure(async (): Promise<PanelSet> => {
      const set = await loadPanels();
      await syncPanels(database.db, set);
      return set;
    }),
    /** The screening tools from screening-tools/, read once and their versions copied into the database. */
    screeningTools: untilFailure((): Promise<ScreeningToolSet> => loadScreeningTools(database.db)),
    /** Analysis results keyed by data version, reader scope and request (src/release/analyseFor.ts). */
    analysisCache: new ResultCache<AnalysisResult | AnalysisError>(2000),
    /** Rendered SVG charts and maps, keyed the same way. */
    chartCache: new ResultCache<string>(2000),
    /** Rendered dashboard pages, keyed by data version, access scope and URL; at most 64 MB of HTML. */
    pageCache: new ResultCache<CachedPage>(2000, { weigh: cachedPageBytes, maxWeight: 64 * 1024 * 1024 }),
    /** Report builds in progress and the last ones finished (src/reports/jobs/buildJobs.ts). */
    reportJobs: new BuildJobs(20),
    /** OpenID Connect providers' discovered configurations, per provider and its last change (src/auth/oidc). */
    oidcClients: new OidcClients(config.oidc.allowHttp),
  };
}

export type Services = ReturnType<typeof services>;

/** Loads once and remembers the answer; a failed load is forgotten, so the next call tries again. */
function untilFailure<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | null = null;
  return () =>
    (loaded ??= load().catch((error: unknown) => {
      loaded = null;
      throw error;
    }));
}
