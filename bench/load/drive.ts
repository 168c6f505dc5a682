/**
 * Drives one running app with autocannon: N signed-in clients cycling through
 * a list of paths for a fixed time. Latency is recorded per path (each
 * connection sends its paths in order, one at a time, so the k-th response of
 * a connection belongs to path k mod n).
 */
import autocannon from 'autocannon';

export interface SignedInClient {
  cookie: string;
  token: string;
}

export interface PathOutcome {
  path: string;
  requests: number;
  non2xx: number;
  p50: number;
  p95: number;
  p99: number;
}

export interface DriveOutcome {
  requests: number;
  errors: number;
  non2xx: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  perPath: PathOutcome[];
  statuses: Record<number, number>;
}

const percentile = (sorted: readonly number[], p: number) =>
  Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN);

export async function drive(
  base: string,
  paths: readonly string[],
  clients: readonly SignedInClient[],
  seconds: number,
): Promise<DriveOutcome> {
  const all: number[] = [];
  const byPath = paths.map(() => ({ latencies: [] as number[], non2xx: 0 }));
  const statuses: Record<number, number> = {};
  let next = 0;
  const result = await autocannon({
    url: base,
    connections: clients.length,
    duration: seconds,
    requests: paths.map((path) => ({
      method: 'GET' as const,
      path,
      setupRequest: (req: autocannon.Request, context: object): autocannon.Request => {
        const ctx = context as { client?: SignedInClient };
        ctx.client ??= clients[next++ % clients.length]!;
        return { ...req, headers: { cookie: ctx.client.cookie, authorization: `Bearer ${ctx.client.token}` } };
      },
    })),
    setupClient: (client) => {
      let k = 0;
      client.on('response', (status: number, _bytes: number, responseTime: number) => {
        const slot = byPath[k++ % paths.length]!;
        slot.latencies.push(responseTime);
        if (status < 200 || status > 299) slot.non2xx += 1;
        all.push(responseTime);
        statuses[status] = (statuses[status] ?? 0) + 1;
      });
    },
  });
  all.sort((a, b) => a - b);
  return {
    requests: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    rps: Math.round(result.requests.average),
    p50: percentile(all, 50),
    p95: percentile(all, 95),
    p99: percentile(all, 99),
    perPath: paths.map((path, i) => {
      const l = byPath[i]!.latencies.sort((a, b) => a - b);
      return {
        path,
        requests: l.length,
        non2xx: byPath[i]!.non2xx,
        p50: percentile(l, 50),
        p95: percentile(l, 95),
        p99: percentile(l, 99),
      };
    }),
    statuses,
  };
}

/** Signs in through the real form (CSRF and all) and returns the session cookie. */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const form = await fetch(`${base}/sign-in`);
  const pre = form.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
  const res = await fetch(`${base}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: pre, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password, _csrf: csrf, next: '/' }),
  });
  const session = res.headers.getSetCookie().find((c) => c.startsWith('safer_session='));
  if (res.status !== 303 || !session) throw new Error(`sign-in failed for ${email}: ${res.status}`);
  return session.split(';')[0]!;
}
