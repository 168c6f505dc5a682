import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../db/schema.ts';
import { capability } from '../domain/definitions/capability.ts';
import type { Definition } from '../domain/definitions/definitionSchema.ts';
import { TOTAL_NOTIFIABLE_ALIASES, TOTAL_NOTIFIABLE_MAJOR } from '../domain/classifications/totalNotifiable.ts';
import { categoryDefinition, categoryIds } from './categories.ts';
import { findDefinition } from './loadDefinitions.ts';
import { AnalysisError } from './figure.ts';
import { partnerConditionSql } from './partnerCondition.ts';
import { ALL_RECORDS_KEY, definitionKey, filledKeys } from './aggregates/definitionKey.ts';
import { remembered } from './referenceMemo.ts';
import { SOURCES, type SourceId } from './request.ts';
import { SOURCE_INFO } from './sources.ts';

/** How one source counts what was asked: a filter over its rows (alias `a`) and what it counts. */
export interface CountSpec {
  source: SourceId;
  /**
   * Raw SQL, on purpose: its compiled text is hashed into the key under which partner counts are stored
   * (aggregates/definitionKey.ts), so writing it another way would orphan every filled agg_partner_definition
   * row until the next import; and it is embedded as written in queries over other tables and a derived person
   * table (aggregates/definitionCounts.ts, analyses/recordProfiles.ts). See also partnerCondition.ts.
   */
  filter: RawBuilder<boolean>;
  counts: 'offences' | 'victims' | 'searches';
  caveats: string[];
  /** Partner records only: the key under which this definition's counts per slice are filled (agg_partner_definition), when they are. */
  definitionKey?: string;
  /** Partner records only: the key of all records' counts per slice, when filled: which months a borough has data for. */
  coverageKey?: string;
}

export interface Selection {
  definition: {
    id: string;
    version: number | null;
    name: string;
    counts: 'offences' | 'victims' | 'records' | 'searches';
  };
  specs: Partial<Record<SourceId, CountSpec>>;
  /** Why each other source cannot produce the figure. */
  unsupported: Partial<Record<SourceId, string[]>>;
}

const VAWG_LABELS = new Set(['vawg', 'vawg offences', 'violence against women and girls']);
const STOP_SEARCH_LABELS = new Set(['stop and search', 'stop-and-search', 'stop and searches', 'searches']);

/** Resolves `--definition ID` or `--category LABEL` into per-source count filters. */
export async function buildSelection(
  db: Kysely<DB>,
  definitions: readonly Definition[],
  q: { definition?: string; category?: string },
): Promise<Selection> {
  if (q.definition !== undefined) {
    const definition = findDefinition(definitions, q.definition);
    if (!definition) {
      throw new AnalysisError(
        'NOT_FOUND',
        `no definition "${q.definition}"; known: ${[...new Set(definitions.map((d) => d.id))].join(', ')}`,
      );
    }
    return selectionFor(db, definition);
  }
  const asked = (q.category ?? '').trim();
  // 'TNO' is how the MPS tables abbreviate total notifiable offences; the catalogue names it in full.
  const label = TOTAL_NOTIFIABLE_ALIASES.has(asked.toLowerCase()) ? TOTAL_NOTIFIABLE_MAJOR.mps_old : asked;
  const key = label.toLowerCase().replace(/\s+/g, ' ');
  const whole = sql<boolean>`true`; // a CountSpec filter: raw (see CountSpec.filter)
  if (VAWG_LABELS.has(key)) {
    return onlySource(
      'mps-vawg-offences',
      { id: 'category:vawg', version: null, name: 'VAWG offences (MPS, by location)', counts: 'offences' },
      { source: 'mps-vawg-offences', filter: whole, counts: 'offences', caveats: [] },
    );
  }
  if (STOP_SEARCH_LABELS.has(key)) {
    return onlySource(
      'police-uk-stop-search',
      { id: 'category:stop-and-search', version: null, name: 'stop and search', counts: 'searches' },
      { source: 'police-uk-stop-search', filter: whole, counts: 'searches', caveats: [] },
    );
  }
  return selectionFor(db, await categoryDefinition(db, label));
}

function onlySource(id: SourceId, definition: Selection['definition'], spec: CountSpec): Selection {
  const unsupported: Selection['unsupported'] = {};
  for (const s of SOURCES)
    if (s !== id) unsupported[s] = [`${SOURCE_INFO[s].name} does not publish ${definition.name}`];
  return { definition, specs: { [id]: spec }, unsupported };
}

async function selectionFor(db: Kysely<DB>, definition: Definition): Promise<Selection> {
  const isCategory = definition.id === 'category';
  const selection: Selection = {
    definition: {
      id: isCategory ? `category:${definition.rules[0]!.label}` : definition.id,
      version: isCategory ? null : definition.version,
      name: definition.name,
      counts: definition.rules[0]!.counts,
    },
    specs: {},
    unsupported: {},
  };
  for (const id of SOURCES) {
    const info = SOURCE_INFO[id];
    if (info.classifications.length === 0) {
      selection.unsupported[id] = [`${info.name} has no offence categories to map ${definition.name} onto`];
      continue;
    }
    const reasons: string[] = [];
    const caveats: string[] = [];
    const parts: RawBuilder<boolean>[] = [];
    for (const classification of info.classifications) {
      const cap = capability(definition, { name: info.name, classification, level: info.level, fields: info.fields });
      if (!cap.total.canProduce) {
        reasons.push(...cap.figures.flatMap((f) => f.reasons), ...cap.total.reasons);
        continue;
      }
      caveats.push(...cap.figures.flatMap((f) => f.reasons));
      for (const rule of definition.rules) {
        const ids =
          rule.offences === 'any offence'
            ? null
            : await categoryIds(db, classification, rule.offences[classification]?.categories ?? []);
        // The filter's parts are raw SQL: its compiled text is the definition key (see CountSpec.filter).
        const inCategory =
          ids === null
            ? sql<boolean>`true`
            : ids.length === 0
              ? sql<boolean>`false`
              : sql<boolean>`a.category_id IN (${sql.join(ids)})`;
        const appliesConditions =
          rule.offences !== 'any offence' &&
          (rule.offences[classification]?.categories ?? []).every((c) => c.appliesConditions);
        if (rule.conditions && !appliesConditions && info.level === 'record') {
          const condition = partnerConditionSql(rule.conditions);
          caveats.push(...condition.approximations);
          parts.push(sql<boolean>`(${inCategory} AND ${condition.sql})`);
        } else parts.push(inCategory);
      }
    }
    if (parts.length === 0) {
      selection.unsupported[id] = [...new Set(reasons)];
      continue;
    }
    if (definition.rules.length > 1 && id === 'partner-police')
      caveats.push('an offence matching several rules is counted once');
    const spec: CountSpec = {
      source: id,
      filter: sql<boolean>`(${sql.join(parts, sql` OR `)})`,
      counts: definition.rules.every((r) => r.counts === 'victims') ? 'victims' : 'offences',
      caveats: [...new Set(caveats)],
    };
    if (id === 'partner-police') {
      const key = isCategory ? null : definitionKey(db, definition, spec);
      const keys = key ? [key, ALL_RECORDS_KEY] : [ALL_RECORDS_KEY];
      const filled = await remembered(db, 'filledKeys', JSON.stringify(keys), () => filledKeys(db, keys));
      if (key && filled.has(key)) spec.definitionKey = key;
      if (filled.has(ALL_RECORDS_KEY)) spec.coverageKey = ALL_RECORDS_KEY;
    }
    selection.specs[id] = spec;
  }
  return selection;
}
