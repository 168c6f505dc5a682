import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDashboardFixture, type DashboardFixture } from '../../../../test/dashboardFixture.ts';
import { createHarness } from '../../testing/appHarness.ts';
import { countingDb, StatementCounter } from '../../testing/statementCounter.ts';

/*
 * How many SQL statements one cache miss of each dashboard page kind sends (issue 16's "miss mix": each miss sent
 * many tiny repeated reference lookups and read the data version about ten times). Each page kind is asked of an
 * app of its own over the demo-like fixture, so nothing another page computed (figures, pages, reference lookups)
 * is in its caches: the count is a whole miss, from the session to the page.
 */

const counter = new StatementCounter();
let f: DashboardFixture;
let token: string;

beforeAll(async () => {
  f = await createDashboardFixture();
  const analyst = await f.h.addUser('analyst@council.example', 'local_authority', 'analyst');
  token = await f.h.token(analyst, 'read');
}, 600_000);
afterAll(async () => f?.h.close());

const VERSION_QUERY =
  'select coalesce(max(id), 0)::text as "latest", count(*) filter (where status = \'imported\')::text as "live" from "import_batch"';
const KCWI = 'definition=knife-crime-with-injury&area=E09000030&period=2024%2F25';
const FY = 'period=2023%2F24';
/** Each page kind: a first view, then the same page for 2023/24 (and the overview of two boroughs without partner data). */
const PAGES = {
  overview: ['/dashboard', `/dashboard?${FY}`],
  overviewElsewhere: ['/dashboard?area=E09000012', '/dashboard?area=E09000025'],
  trends: ['/dashboard/trends', `/dashboard/trends?${FY}`],
  places: ['/dashboard/places', `/dashboard/places?${FY}`],
  time: ['/dashboard/time', `/dashboard/time?${FY}`],
  people: ['/dashboard/people', `/dashboard/people?${FY}`],
  explorer: [`/explorer?${KCWI}`, `/explorer?${KCWI.replace('period=2024%2F25', FY)}`],
  api: [`/api/v1/analysis?${KCWI}`, `/api/v1/analysis?${KCWI.replace('period=2024%2F25', FY)}`],
} as const;

/**
 * The audit log's own statements (the chain's lock, its last hash, the insert) are left out of the counts: a page's
 * audited reads are written together with whatever other entries are waiting (audit/auditTogether.ts), so how many
 * transactions they take depends on timing, not on the page. auditedReads.test.ts and auditTogether.test.ts count them.
 */
const notAuditChain = (statement: string | null) =>
  statement === null || !/pg_advisory_xact_lock|"audit_log"/.test(statement);

/** Statements a first view of `url`, then of `then`, send in a fresh app over the fixture. */
async function missesOf([url, then]: readonly [string, string]): Promise<{
  first: number;
  next: number;
  statements: (string | null)[];
}> {
  const h = await createHarness({}, countingDb(f.h.t, counter));
  try {
    const reader = await h.signIn('analyst@council.example');
    const view = async (path: string) => {
      const res = path.startsWith('/api/')
        ? await h.app.inject({ method: 'GET', url: path, headers: { authorization: `Bearer ${token}` } })
        : await reader.get(path);
      expect(res.statusCode).toBe(200);
    };
    await counter.countOf(() => view(url));
    const statements = counter.executed.filter(notAuditChain);
    await counter.countOf(() => view(then));
    return { first: statements.length, next: counter.executed.filter(notAuditChain).length, statements };
  } finally {
    await h.app.close();
  }
}

describe('statements per dashboard cache miss', () => {
  it('each page kind: a first view in a fresh app, then a second miss of the same kind', async () => {
    const counts: Record<string, { first: number; next: number }> = {};
    const tallies: Record<string, Record<string, number>> = {};
    for (const [name, urls] of Object.entries(PAGES)) {
      const { first, next, statements } = await missesOf(urls);
      counts[name] = { first, next };
      const tally: Record<string, number> = {};
      for (const s of statements) tally[s ?? '?'] = (tally[s ?? '?'] ?? 0) + 1;
      tallies[name] = tally;
    }
    if (process.env.SHOW_STATEMENTS) console.log(JSON.stringify({ counts, tallies }, null, 1));
    // Before the data version was read once per request and reference lookups remembered per version (first /
    // next): overview 196 / 193, overview of Hackney then Newham 178 / 175, trends 17 / 14, places 49 / 45,
    // time 56 / 53, people 102 / 99, explorer 16 / 13, API 13 / 11; the overview alone read the data version 17
    // times. What remains is the session, one data version, each distinct reference lookup once (none again in a
    // second miss unless its key differs), the counts themselves and the audit of aggregate-only reads. London-wide
    // counts (the ranking's boroughs, the benchmark's total) are asked once per version too, so Newham's overview
    // after Hackney's sends 31, not 36; and London's boroughs' populations, so a second places miss sends 14, not 15.
    // The six person breakdowns (victims' and suspects' age, sex, ethnicity) are read in two statements, not six (one
    // per aggregate: age bands, then sex and ethnicity; personGroupCounts.ts), so a people miss sends 44 / 36, not 48 / 40.
    // Since session 16 the audit log's own statements are not counted (notAuditChain): 12 of the overview's, 21 of a
    // first people miss's and 12 of a time miss's had been the audit of partner (aggregate-only) reads.
    expect(counts).toEqual({
      overview: { first: 64, next: 40 },
      overviewElsewhere: { first: 59, next: 31 },
      trends: { first: 12, next: 4 },
      places: { first: 27, next: 14 },
      time: { first: 18, next: 8 },
      people: { first: 23, next: 15 },
      explorer: { first: 12, next: 4 },
      api: { first: 13, next: 5 },
    });
    const versionReads = Object.values(tallies).map((tally) => tally[VERSION_QUERY] ?? 0);
    expect(versionReads).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
  }, 300_000);
});
