import type { AnalysisResult } from '../../../analysis/analysisResult.ts';
import type { Definition } from '../../../domain/definitions/definitionSchema.ts';

export interface DataNotes {
  sources: { name: string; extractDates: string[]; licence: string | null }[];
  definitions: { id: string; version: number | null; name: string; description: string | null }[];
  methods: string[];
  caveats: string[];
  cannotTell: string[];
}

const OGL = 'Open Government Licence v3.0';

/** Caveats every reader of police-recorded crime should see, whatever the page. */
const STANDING_CAVEATS = [
  'Police-recorded crime counts what is reported and recorded, not all crime: a rise can mean more reporting or better recording.',
  'Published counts are revised in later extracts; Safer shows the latest extract and keeps earlier ones as history.',
];

const STANDING_CANNOT_TELL = [
  'Why a change happened: these figures describe, they do not explain.',
  'Whether a difference is meaningful when the intervals overlap: look at the benchmark method before drawing conclusions.',
];

/**
 * Builds a page's data notes from the analysis results it shows: sources with
 * extract dates, definitions, methods, caveats and what the figures cannot tell.
 */
export function dataNotesFrom(
  results: readonly AnalysisResult[],
  definitions: readonly Definition[],
  extra: Partial<DataNotes> = {},
): DataNotes {
  const sources = new Map<string, Set<string>>();
  const defs = new Map<string, DataNotes['definitions'][number]>();
  const methods = new Set<string>();
  const caveats = new Set<string>(STANDING_CAVEATS);
  for (const result of results) {
    const dates = sources.get(result.vintage.source) ?? new Set<string>();
    result.vintage.extractDates.forEach((d) => dates.add(d));
    sources.set(result.vintage.source, dates);
    if (result.vintage.denominator) methods.add(`Rates use ${result.vintage.denominator} as the denominator.`);
    const full = definitions.find((d) => d.id === result.definition.id && d.version === result.definition.version);
    defs.set(`${result.definition.id}@${result.definition.version ?? ''}`, {
      id: result.definition.id,
      version: result.definition.version,
      name: result.definition.name,
      description: full?.description ?? null,
    });
    for (const f of result.figures)
      if (f.method) methods.add(`${capitalise(f.method)}${f.confidence ? ` (${f.confidence})` : ''}.`);
    result.warnings.forEach((w) => caveats.add(w));
  }
  return {
    sources: [...sources]
      .map(([name, dates]) => ({
        name,
        extractDates: [...dates].sort(),
        licence: /partner|SYNTHETIC/i.test(name) ? null : OGL,
      }))
      .concat(extra.sources ?? []),
    definitions: [...defs.values(), ...(extra.definitions ?? [])],
    methods: [...methods, ...(extra.methods ?? [])],
    caveats: [...caveats, ...(extra.caveats ?? [])],
    cannotTell: [...STANDING_CANNOT_TELL, ...(extra.cannotTell ?? [])],
  };
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
