/**
 * The performance pack's build time, when its builder is there: it is being written beside this benchmark, so it
 * is looked up when the benchmark runs (not imported statically, which would stop the benchmark compiling without
 * it) and anything it throws is printed rather than failing the run.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.ts';
import type { Theme } from '../../src/performance/indicatorSchema.ts';
import type { Analyse } from '../../src/performance/values/computedValue.ts';

const PACK = resolve(import.meta.dirname, '../../src/performance/pack');

interface PackModules {
  buildPack: (db: Kysely<DB>, request: Record<string, unknown>) => Promise<{ sections?: unknown[] }>;
  loadPackDefinition: () => Promise<unknown>;
}

async function packModules(): Promise<PackModules | null> {
  const build = resolve(PACK, 'buildPack.ts');
  const schema = resolve(PACK, 'packSchema.ts');
  if (!existsSync(build) || !existsSync(schema)) return null;
  const { buildPack } = (await import(pathToFileURL(build).href)) as Partial<PackModules>;
  const { loadPackDefinition } = (await import(pathToFileURL(schema).href)) as Partial<PackModules>;
  return typeof buildPack === 'function' && typeof loadPackDefinition === 'function'
    ? { buildPack, loadPackDefinition }
    : null;
}

/** One line: the pack's build time, or why it was not measured. */
export async function measurePack(
  db: Kysely<DB>,
  input: { quarter: string; themes: readonly Theme[]; analyse: Analyse | null },
): Promise<string> {
  const pack = await packModules();
  if (pack === null) return 'pack: not measured (pack builder not present)';
  try {
    const definition = await pack.loadPackDefinition();
    const t0 = performance.now();
    const built = await pack.buildPack(db, {
      quarter: input.quarter,
      area: { code: 'E09000030', name: 'Tower Hamlets' },
      themes: input.themes,
      definition,
      analyse: input.analyse,
    });
    const ms = performance.now() - t0;
    return `pack: built in ${(ms / 1000).toFixed(2)} s (${built.sections?.length ?? '?'} sections; build only, not rendered)`;
  } catch (error) {
    return `pack: not measured (the builder failed: ${error instanceof Error ? error.message : String(error)})`;
  }
}
