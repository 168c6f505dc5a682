/**
 * Drives one running app with autocannon, each connection cycling through its
 * OWN list of paths (drive.ts gives every connection the same list). Every
 * response is recorded with its path, so per-page and per-path figures and
 * the miss share can be worked out afterwards.
 */
import autocannon from 'autocannon';
import type { SignedInClient } from './drive.ts';

export interface Sample {
  connection: number;
  path: string;
  /** 0 for a request still unanswered when the run ended. */
  status: number;
  /** Response time; for an unanswered request the time it had waited (a lower bound). */
  ms: number;
}

export interface ListsOutcome {
  requests: number;
  errors: number;
  timeouts: number;
  /** Requests still unanswered when the run ended: in samples with status 0 and the time they had waited. */
  unfinished: number;
  non2xx: number;
  rps: number;
  /** Responses per connection, in order: connection c's k-th response is lists[c][k % lists[c].length]. */
  served: number[];
  samples: Sample[];
  statuses: Record<number, number>;
}

export async function driveLists(
  base: string,
  lists: readonly string[][],
  clients: readonly SignedInClient[],
  seconds: number,
): Promise<ListsOutcome> {
  const samples: Sample[] = [];
  const served = lists.map(() => 0);
  const statuses: Record<number, number> = {};
  const waitingSince: (number | null)[] = lists.map(() => null);
  /** Index in its list of each connection's current request. */
  const position = lists.map(() => 0);
  let timeouts = 0;
  let nextConnection = 0;
  const result = await autocannon({
    url: base,
    connections: lists.length,
    duration: seconds,
    // No request is abandoned before the end (the app would go on computing it): one still unanswered
    // then is recorded with the time it had waited.
    timeout: seconds + 10,
    setupClient: (client) => {
      const c = nextConnection++;
      const list = lists[c]!;
      const who = clients[c % clients.length]!;
      const headers = { cookie: who.cookie, authorization: `Bearer ${who.token}` };
      client.setRequests(list.map((path) => ({ method: 'GET' as const, path, headers })));
      const events = client as NodeJS.EventEmitter;
      events.on('request', () => {
        waitingSince[c] = performance.now();
      });
      client.on('response', (status: number, _bytes: number, ms: number) => {
        waitingSince[c] = null;
        samples.push({ connection: c, path: list[position[c]!++ % list.length]!, status, ms });
        served[c]! += 1;
        statuses[status] = (statuses[status] ?? 0) + 1;
      });
      // A timed-out request is abandoned and the connection moves on to its next path.
      events.on('timeout', () => {
        waitingSince[c] = null;
        position[c]! += 1;
        timeouts += 1;
      });
    },
  });
  const ended = performance.now();
  let unfinished = 0;
  for (const [c, since] of waitingSince.entries()) {
    if (since === null) continue;
    unfinished += 1;
    samples.push({ connection: c, path: lists[c]![position[c]! % lists[c]!.length]!, status: 0, ms: ended - since });
  }
  return {
    requests: result.requests.total,
    errors: result.errors + result.timeouts,
    timeouts,
    unfinished,
    non2xx: result.non2xx,
    rps: Math.round(result.requests.average),
    served,
    samples,
    statuses,
  };
}

export const percentile = (sorted: readonly number[], p: number) =>
  Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN);

/** p50/p95/p99 (unanswered requests counted at the time they had waited) and counts of a set of samples. */
export function summarise(samples: readonly Sample[]) {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  return {
    requests: samples.length,
    non2xx: samples.filter((s) => s.status !== 0 && (s.status < 200 || s.status > 299)).length,
    unfinished: samples.filter((s) => s.status === 0).length,
    p50: percentile(ms, 50),
    p95: percentile(ms, 95),
    p99: percentile(ms, 99),
  };
}
