import { loadavg } from 'node:os';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.ts';
import type { Definition } from '../../src/domain/definitions/definitionSchema.ts';
import type { AnalysisRequestInput } from '../../src/analysis/request.ts';
import { BOROUGH, FIGURES } from './figures.ts';

/** runAnalysis's signature, so an older copy of the code can be measured beside the current one. */
export type Analyse = (
  db: Kysely<DB>,
  definitions: readonly Definition[],
  input: AnalysisRequestInput,
) => Promise<unknown>;

export function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
}

async function time(run: () => Promise<unknown>, times: number): Promise<{ ms: number[]; value: unknown }> {
  const ms: number[] = [];
  let value: unknown;
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    value = await run();
    ms.push(performance.now() - start);
  }
  return { ms: ms.sort((a, b) => a - b), value };
}

const request = (extra: Partial<AnalysisRequestInput>) =>
  ({ area: BOROUGH, period: '2023/24', ...extra }) as AnalysisRequestInput;
const counts = (r: unknown) =>
  JSON.stringify((r as { figures: { count: number | null }[] }).figures.map((f) => f.count));
export const loadAverage = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
const load = loadAverage;
/** Ratios near the 20× target keep a decimal, so 19.6 never reads as 20. */
const fixed = (ratio: number) => ratio.toFixed(ratio < 100 ? 1 : 0);

export interface Phase {
  name: string;
  analyse: Analyse;
  /** The database this phase reads (its aggregates made by its own code). */
  db: Kysely<DB>;
  /** Run before the phase's measurements (e.g. drop or create indexes). */
  setUp?: () => Promise<void>;
}

/** Issue 3's targets for a data set: pooled p95 under `p95Ms`, and every figure `ratio` times faster than its full scan (p50). */
export interface Targets {
  p95Ms: number;
  ratio: number;
}

/** Per figure: `runs` timed runs after one warm-up in every phase, then `rawRuns` full scans; prints a table, the pooled p50/p95 and the targets met. */
export async function measure(
  label: string,
  raw: Kysely<DB>,
  setRaw: (on: boolean) => Promise<void>,
  definitions: Definition[],
  phases: Phase[],
  runs: number,
  rawRuns: number,
  targets: Targets,
): Promise<void> {
  const results = new Map<string, { name: string; ms: number[]; value: unknown }[]>();
  for (const phase of phases) {
    await phase.setUp?.();
    console.log(`${label}: phase "${phase.name}" starts, load average ${load()}`);
    for (const [name, extra] of FIGURES) {
      await phase.analyse(phase.db, definitions, request(extra)); // warm-up
      const t = await time(() => phase.analyse(phase.db, definitions, request(extra)), runs);
      results.set(name, [...(results.get(name) ?? []), { name: phase.name, ...t }]);
    }
    console.log(`${label}: phase "${phase.name}" ends, load average ${load()}`);
  }
  const scans = new Map<string, { ms: number[]; value: unknown }>();
  await setRaw(true);
  for (const [name, extra] of FIGURES)
    scans.set(name, await time(() => phases.at(-1)!.analyse(raw, definitions, request(extra)), rawRuns));
  await setRaw(false);
  const cols = phases.map((p) => `${`${p.name} p50`.padStart(14)} ${`p95`.padStart(7)}`).join(' ');
  console.log(
    `\n${label}\n${'figure'.padEnd(32)} ${cols} ${phases.length > 1 ? 'p95 ratio ' : ''}${'scan ms'.padStart(9)} ${'scan/now'.padStart(8)}  same?`,
  );
  const pooled = phases.map(() => [] as number[]);
  const scanRatios: number[] = [];
  for (const [name] of FIGURES) {
    const byPhase = results.get(name)!;
    const scan = scans.get(name)!;
    const now = byPhase.at(-1)!;
    if (!/[1-9]/.test(counts(now.value)))
      throw new Error(`${name}: every count is 0; the benchmark data does not exercise this figure`);
    byPhase.forEach((r, i) => pooled[i]!.push(...r.ms));
    const scan50 = quantile(scan.ms, 0.5);
    scanRatios.push(scan50 / quantile(now.ms, 0.5));
    const same = byPhase.every((r) => counts(r.value) === counts(scan.value));
    const ratio =
      phases.length > 1 ? `${(quantile(byPhase[0]!.ms, 0.95) / quantile(now.ms, 0.95)).toFixed(1).padStart(8)}× ` : '';
    console.log(
      `${name.padEnd(32)} ${byPhase.map((r) => `${quantile(r.ms, 0.5).toFixed(1).padStart(14)} ${quantile(r.ms, 0.95).toFixed(1).padStart(7)}`).join(' ')} ${ratio}${scan50.toFixed(0).padStart(9)} ${fixed(scan50 / quantile(now.ms, 0.5)).padStart(7)}×  ${same ? 'yes' : 'NO'}`,
    );
  }
  const unsorted = [...scanRatios];
  scanRatios.sort((a, b) => a - b);
  phases.forEach((p, i) => {
    const all = pooled[i]!.sort((a, b) => a - b);
    console.log(
      `all twenty, ${p.name}: p50 ${quantile(all, 0.5).toFixed(1)} ms, p95 ${quantile(all, 0.95).toFixed(1)} ms, max ${all.at(-1)!.toFixed(1)} ms`,
    );
  });
  console.log(
    `scan / ${phases.at(-1)!.name} (p50): min ${fixed(scanRatios[0]!)}×, median ${fixed(quantile(scanRatios, 0.5))}×; load average now ${load()}`,
  );
  const p95 = quantile(pooled.at(-1)!, 0.95);
  const slow = FIGURES.filter((_, i) => unsorted[i]! < targets.ratio).map(([name]) => name);
  console.log(
    `targets: p95 ${p95.toFixed(1)} ms < ${targets.p95Ms} ms ${p95 < targets.p95Ms ? 'met' : 'NOT MET'}; every figure ≥ ${targets.ratio}× faster than its full scan ${slow.length === 0 ? 'met' : `NOT MET (${slow.join(', ')})`}`,
  );
}
