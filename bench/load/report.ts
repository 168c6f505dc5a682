/** Prints bench/load's figures: per-path tables of the cached mixes, then the cached and miss mixes side by side. */
import type { DriveOutcome } from './drive.ts';
import { summarise, type ListsOutcome, type Sample } from './driveLists.ts';
import { pageOf } from './missMix.ts';
import type { CacheCounters } from './protocol.ts';

export interface MissRun {
  lists: string[][];
  outcome: ListsOutcome;
  /** Counter deltas over the miss mix (null when the app did not answer). */
  counters: CacheCounters | null;
  scopeOf: (connection: number) => number;
  /** Other misses asked one at a time on the idle app before the mix. */
  probe: { path: string; status: number; ms: number }[];
}

export interface Row {
  engine: string;
  /** '' without --checkout; otherwise 'before' (the other checkout) or 'after' (this one). */
  checkout: string;
  scenario: string;
  outcome: DriveOutcome;
  cold: { path: string; ms: number }[];
  preparedSeconds: number;
  miss: MissRun | null;
}

const n = (v: number | string, w: number) => String(v).padStart(w);
const pct = (num: number, den: number) => (den === 0 ? '  n/a' : `${Math.round((100 * num) / den)}%`.padStart(5));
const who = (r: Row) => `${r.engine}${r.checkout ? `/${r.checkout}` : ''}`;

/** The original table: every scenario's cached mix, per path, with the cold request of each page. */
export function printCachedTables(rows: readonly Row[]) {
  const w = Math.max(9, ...rows.map((r) => who(r).length));
  console.log(
    `${'engine'.padEnd(w)} scenario   path                                                   requests  non-2xx  p50 ms  p95 ms  p99 ms`,
  );
  for (const r of rows) {
    const o = r.outcome;
    console.log(
      `${who(r).padEnd(w)} ${r.scenario.padEnd(10)} ${'(all)'.padEnd(54)} ${n(o.requests, 8)} ${n(o.non2xx, 8)} ${n(o.p50, 7)} ${n(o.p95, 7)} ${n(o.p99, 7)}   errors ${o.errors}, ${o.rps} req/s, statuses ${JSON.stringify(o.statuses)}`,
    );
    for (const p of o.perPath)
      console.log(
        `${''.padEnd(w)} ${''.padEnd(10)} ${p.path.slice(0, 54).padEnd(54)} ${n(p.requests, 8)} ${n(p.non2xx, 8)} ${n(p.p50, 7)} ${n(p.p95, 7)} ${n(p.p99, 7)}`,
      );
    console.log(
      `${''.padEnd(w + 11)} cold (first, uncached) request per page: ${r.cold.map((c) => `${c.path} ${c.ms} ms`).join('; ')}`,
    );
  }
}

/** Miss share from the counters (page and API requests that had to be computed) and from the request sequence. */
export function missShares(m: MissRun) {
  const c = m.counters;
  const seq = sequenceMisses(m.lists, m.outcome.served, m.scopeOf);
  return {
    counted: c ? { misses: c.pageMisses + c.apiMisses, lookups: c.pageLookups + c.apiLookups } : null,
    sequence: seq,
  };
}

/** The dashboard's cached mix and miss mix side by side, per engine (and checkout), against the target. */
export function printMixSummary(rows: readonly Row[], targetMs: number, clients: number, seconds: number) {
  const dash = rows.filter((r) => r.scenario === 'dashboard' && r.miss);
  if (dash.length === 0) return;
  console.log(
    `\ndashboard at ${clients} users, ${seconds} s per mix: cached mix (8 pages, warm) and miss mix (33 boroughs × periods × definitions × pages); target miss-mix p95 < ${targetMs} ms`,
  );
  console.log(
    'engine/checkout   cached p95  miss p95  miss p50  miss p99  miss share: counted (page, api)   sequence  answered  unanswered  non-2xx  req/s  target',
  );
  for (const r of dash) {
    const m = r.miss!;
    const all = summarise(m.outcome.samples);
    const { counted, sequence } = missShares(m);
    const c = m.counters;
    const countedText = counted
      ? `${pct(counted.misses, counted.lookups)} (${pct(c!.pageMisses, c!.pageLookups)}, ${pct(c!.apiMisses, c!.apiLookups)})`
      : 'no counters';
    console.log(
      `${who(r).padEnd(16)} ${n(r.outcome.p95, 11)} ${n(all.p95, 9)} ${n(all.p50, 9)} ${n(all.p99, 9)}  ${countedText.padEnd(30)} ${pct(sequence.misses, sequence.requests).padStart(9)} ${n(all.requests - all.unfinished, 9)} ${n(all.unfinished, 11)} ${n(all.non2xx, 8)} ${n(m.outcome.rps, 6)}  ${all.p95 < targetMs ? 'meets' : 'misses'}`,
    );
  }
  // Same run, before and after: the ratio after/before per engine.
  console.log(
    '(miss-mix percentiles count a request still unanswered at the end at the time it had waited, a lower bound; miss share counted = page and API requests the app had to compute, from its cache counters; sequence = first requests of a path per access scope)',
  );
  for (const engine of new Set(dash.map((r) => r.engine))) {
    const before = dash.find((r) => r.engine === engine && r.checkout === 'before');
    const after = dash.find((r) => r.engine === engine && r.checkout === 'after');
    if (!before || !after) continue;
    const ratio = (a: number, b: number) => (b > 0 ? `×${(a / b).toFixed(2)}` : 'n/a');
    const missP95 = (r: Row) => summarise(r.miss!.outcome.samples).p95;
    console.log(
      `${`${engine} after/before`.padEnd(16)} ${ratio(after.outcome.p95, before.outcome.p95).padStart(11)} ${ratio(missP95(after), missP95(before)).padStart(9)}   (cached-mix p50 ${ratio(after.outcome.p50, before.outcome.p50)}, req/s ${ratio(after.outcome.rps, before.outcome.rps)}; miss-mix req/s ${ratio(after.miss!.outcome.rps, before.miss!.outcome.rps)})`,
    );
  }
}

/** Where the miss mix's time goes: per page, per kind of question (path without area and period), the slowest requests. */
export function printMissDetail(r: Row, top = 12) {
  const m = r.miss!;
  const byKey = (key: (s: Sample) => string) => {
    const groups = new Map<string, Sample[]>();
    for (const s of m.outcome.samples) groups.set(key(s), [...(groups.get(key(s)) ?? []), s]);
    return [...groups].map(([k, list]) => ({ key: k, ...summarise(list), statuses: statusesOf(list) }));
  };
  console.log(`\n${who(r)}: one request at a time on the idle app, before the miss mix (other paths than the mix's)`);
  for (const p of [...m.probe].sort((a, b) => b.ms - a.ms))
    console.log(`  ${n(p.ms, 6)} ms  ${p.status}  ${pageOf(p.path).padEnd(9)} ${decodeURIComponent(p.path)}`);
  console.log(`${who(r)}: miss mix per page`);
  console.log('page        requests  non-2xx  p50 ms  p95 ms  p99 ms  statuses (0 = unanswered at the end)');
  for (const g of byKey((s) => pageOf(s.path)).sort((a, b) => b.p95 - a.p95))
    console.log(
      `${g.key.padEnd(11)} ${n(g.requests, 8)} ${n(g.non2xx, 8)} ${n(g.p50, 7)} ${n(g.p95, 7)} ${n(g.p99, 7)}  ${g.statuses}`,
    );
  console.log(`${who(r)}: slowest kinds of question (area and period left out; at least 3 requests), by p95`);
  const kinds = byKey((s) => kindOf(s.path))
    .filter((g) => g.requests >= 3)
    .sort((a, b) => b.p95 - a.p95);
  for (const g of kinds.slice(0, top))
    console.log(
      `  p95 ${n(g.p95, 6)} ms  p50 ${n(g.p50, 6)} ms  n ${n(g.requests, 4)}  ${g.statuses.padEnd(14)} ${g.key}`,
    );
  console.log(`${who(r)}: slowest single requests`);
  for (const s of [...m.outcome.samples].sort((a, b) => b.ms - a.ms).slice(0, top))
    console.log(`  ${n(Math.round(s.ms), 6)} ms  ${s.status}  ${decodeURIComponent(s.path)}`);
  const refused = m.outcome.samples.filter((s) => s.status >= 300);
  if (refused.length > 0) console.log(`${who(r)}: answered, not 2xx`);
  for (const s of refused.slice(0, top))
    console.log(`  ${n(Math.round(s.ms), 6)} ms  ${s.status}  ${decodeURIComponent(s.path)}`);
}

const statusesOf = (list: readonly Sample[]) => {
  const counts: Record<number, number> = {};
  for (const s of list) counts[s.status] = (counts[s.status] ?? 0) + 1;
  return Object.entries(counts)
    .map(([k, v]) => `${k}×${v}`)
    .join(' ');
};

/** The path without its area and period: what kind of question it asks. */
function kindOf(path: string) {
  const url = new URL(path, 'http://x');
  url.searchParams.delete('area');
  url.searchParams.delete('period');
  return decodeURIComponent(`${url.pathname}${url.search}`);
}

/**
 * Misses implied by the request sequence: a request misses when no earlier
 * request of the same access scope asked for the same path (pages and API
 * answers are cached per scope). served[c] is how many responses connection
 * c had; scopeOf(c) its reader's scope. Ignores evictions and counts a
 * request that joins one already in flight as a hit, as the cache does.
 */
function sequenceMisses(lists: string[][], served: number[], scopeOf: (c: number) => number) {
  const seen = new Set<string>();
  let misses = 0;
  let requests = 0;
  for (const [c, list] of lists.entries())
    for (let k = 0; k < (served[c] ?? 0); k++) {
      const key = `${scopeOf(c)}|${list[k % list.length]}`;
      requests += 1;
      if (!seen.has(key)) misses += 1;
      seen.add(key);
    }
  return { requests, misses };
}
