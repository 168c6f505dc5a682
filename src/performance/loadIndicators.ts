import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { z } from 'zod';
import { loadDefinitions } from '../analysis/loadDefinitions.ts';
import { isTotalNotifiable } from '../domain/classifications/totalNotifiable.ts';
import { offenceCatalogue } from '../domain/classifications/offenceCatalogue.ts';
import type { Definition } from '../domain/definitions/definitionSchema.ts';
import { parsePeriod } from '../domain/periods/parsePeriod.ts';
import { type Indicator, IndicatorFile, type IndicatorCategory, type Theme, ThemesFile } from './indicatorSchema.ts';
import { loadRegisters, type RegisterSet } from '../registers/loadRegisters.ts';
import { loadPanels, type PanelSet } from '../panels/loadPanels.ts';

/** The repository's indicators/ folder. */
export const INDICATORS_DIR = resolve(import.meta.dirname, '../../indicators');
const THEMES_FILE = 'themes.json';

export interface IndicatorSet {
  /** In the order the pack prints them. */
  themes: Theme[];
  /** By theme order, then id, then version. */
  indicators: Indicator[];
}

/**
 * Reads and checks indicators/themes.json and every indicators/<theme>.json.
 * Any problem stops the load with the file and the field: an indicator set is
 * never half-loaded, because a pack missing an indicator looks complete.
 * `definitions` defaults to the repository's (loadDefinitions); tests pass their own.
 */
export async function loadIndicators(
  dir: string = INDICATORS_DIR,
  definitions?: readonly Definition[],
  registers?: RegisterSet,
  panels?: PanelSet,
): Promise<IndicatorSet> {
  const known = definitions ?? (await loadDefinitions());
  const registerSet = registers ?? (await loadRegisters());
  const panelSet = panels ?? (await loadPanels());
  const themes = parse(THEMES_FILE, await readJson(dir, THEMES_FILE), ThemesFile, 'not a valid themes file').themes;
  const themeIds = new Set(themes.map((t) => t.id));
  if (themeIds.size !== themes.length) throw new Error(`${THEMES_FILE}: theme ids must be unique`);

  const files = (await readdir(dir)).filter((f) => f.endsWith('.json') && f !== THEMES_FILE).sort();
  const indicators: Indicator[] = [];
  const origin = new Map<string, string>();
  for (const file of files) {
    const parsed = parse(file, await readJson(dir, file), IndicatorFile, 'not a valid indicator file');
    parsed.indicators.forEach((indicator, i) => {
      const where = (field: string) => `${file}: indicators.${i}.${field} (${indicator.id})`;
      const key = `${indicator.id}@${indicator.version}`;
      const clash = origin.get(key);
      if (clash)
        throw new Error(
          `${where('id')}: indicator ${indicator.id} version ${indicator.version} is defined twice (also in ${clash})`,
        );
      origin.set(key, file);
      const [problem] = indicatorProblems(indicator, themeIds, known, registerSet, panelSet);
      if (problem?.field === 'theme') throw new Error(`${where(problem.field)}: ${problem.message}`);
      // One file per theme keeps a subgroup's indicators together; a stray one would be reviewed in the wrong place.
      if (`${indicator.theme}.json` !== file)
        throw new Error(`${where('theme')}: theme "${indicator.theme}" belongs in ${indicator.theme}.json`);
      if (problem !== undefined) throw new Error(`${where(problem.field)}: ${problem.message}`);
      indicators.push(indicator);
    });
  }
  const order = new Map(themes.map((t) => [t.id, t.order]));
  themes.sort((a, b) => a.order - b.order);
  indicators.sort(
    (a, b) =>
      (order.get(a.theme) ?? 0) - (order.get(b.theme) ?? 0) || a.id.localeCompare(b.id) || a.version - b.version,
  );
  return { themes, indicators };
}

/**
 * What is wrong with an indicator beyond its schema: a theme, definition or category that does not exist, or a
 * baseline that is not a period. Shared by the file loader and the service's edit form, so both refuse the same.
 */
export function indicatorProblems(
  indicator: Indicator,
  themeIds: ReadonlySet<string>,
  definitions: readonly Definition[],
  registers?: RegisterSet,
  panels?: PanelSet,
): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (!themeIds.has(indicator.theme))
    problems.push({ field: 'theme', message: `no theme "${indicator.theme}" in ${THEMES_FILE}` });
  if (indicator.baseline !== undefined) {
    try {
      parsePeriod(indicator.baseline);
    } catch (error) {
      problems.push({ field: 'baseline', message: error instanceof Error ? error.message : String(error) });
    }
  }
  const source = indicator.source;
  if (
    source.kind === 'computed' &&
    source.definition !== undefined &&
    !definitions.some((d) => d.id === source.definition)
  )
    problems.push({ field: 'source.definition', message: `no definition "${source.definition}" in definitions/` });
  if (source.kind === 'computed' && source.category !== undefined && !categoryExists(source.category))
    problems.push({
      field: 'source.category',
      message: `${describeCategory(source.category)} is not in the offence catalogue`,
    });
  if (source.kind === 'computed' && source.register !== undefined && registers !== undefined) {
    const { register: id, measure } = source.register;
    const register = registers.get(id);
    if (register === undefined)
      problems.push({ field: 'source.register.register', message: `no register "${id}" in registers/` });
    else if (!register.measures.some((m) => m.id === measure))
      problems.push({
        field: 'source.register.measure',
        message: `${register.name} has no measure "${measure}" (it has ${register.measures.map((m) => m.id).join(', ')})`,
      });
  }
  // A panel measure of one panel: the panel must be one of panels/ (issue 21).
  const panelId = source.kind === 'computed' ? source.panel?.panel : undefined;
  if (panelId !== undefined && panels !== undefined && panels.get(panelId) === undefined)
    problems.push({ field: 'source.panel.panel', message: `no panel "${panelId}" in panels/` });
  return problems;
}

/** Listed in the offence catalogue, or the classification's total notifiable offences (never listed: it is a sum). */
export function categoryExists(category: IndicatorCategory): boolean {
  if (isTotalNotifiable(category.classification, category)) return true;
  return offenceCatalogue.categories.some(
    (c) =>
      c.classification === category.classification && c.major === category.major && c.minor === (category.minor ?? ''),
  );
}

export function describeCategory(category: IndicatorCategory): string {
  return `${category.classification} "${category.major}${category.minor ? ` / ${category.minor}` : ''}"`;
}

async function readJson(dir: string, file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(join(dir, file), 'utf8');
  } catch (error) {
    throw new Error(`${file}: cannot be read (${error instanceof Error ? error.message : String(error)})`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

function parse<T>(file: string, raw: unknown, schema: z.ZodType<T>, what: string): T {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new Error(`${file}: ${what}: ${problems.join('; ')}`);
}
