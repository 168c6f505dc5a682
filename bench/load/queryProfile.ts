/**
 * SAFER_BENCH_QUERY_PROFILE=1: times every query the app sends (a Kysely
 * plugin: from the query's transform to its result, so on PGlite's single
 * connection it includes the wait for the connection) and prints the
 * statements that took the most time in all when the app stops.
 */
import type { Kysely, KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult } from 'kysely';

interface Timing {
  count: number;
  totalMs: number;
  maxMs: number;
}

export function queryProfile<DB>(db: Kysely<DB>) {
  const started = new Map<unknown, { at: number; sql: string }>();
  const bySql = new Map<string, Timing>();
  const plugin: KyselyPlugin = {
    transformQuery: (args: PluginTransformQueryArgs) => {
      const sql = db.getExecutor().compileQuery(args.node, args.queryId).sql.replace(/\s+/g, ' ');
      started.set(args.queryId, { at: performance.now(), sql });
      return args.node;
    },
    transformResult: async (args: PluginTransformResultArgs): Promise<QueryResult<Record<string, unknown>>> => {
      const s = started.get(args.queryId);
      if (s) {
        started.delete(args.queryId);
        const ms = performance.now() - s.at;
        const t = bySql.get(s.sql) ?? { count: 0, totalMs: 0, maxMs: 0 };
        bySql.set(s.sql, { count: t.count + 1, totalMs: t.totalMs + ms, maxMs: Math.max(t.maxMs, ms) });
      }
      return args.result;
    },
  };
  const print = (top = 15) => {
    const total = [...bySql.values()].reduce((n, t) => n + t.totalMs, 0);
    console.error(
      `\nquery profile: ${bySql.size} statements, ${Math.round(total)} ms in all; the ${top} with most time:`,
    );
    for (const [sql, t] of [...bySql].sort((a, b) => b[1].totalMs - a[1].totalMs).slice(0, top))
      console.error(
        `  ${Math.round(t.totalMs).toString().padStart(8)} ms total  ${t.count.toString().padStart(6)}×  mean ${Math.round(t.totalMs / t.count)} ms  max ${Math.round(t.maxMs)} ms  ${sql.slice(0, 400)}`,
      );
  };
  return { db: db.withPlugin(plugin), print };
}
