import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { formatMonth } from '../../domain/periods/month.ts';
import { parseQuarter } from '../../domain/performance/indicatorPeriods.ts';
import type { AnnexRow, BuiltReport, BuiltSection, DataNote } from '../../reports/builtReport.ts';
import type { Theme } from '../indicatorSchema.ts';
import type { Analyse } from '../values/computedValue.ts';
import { buildScorecard } from '../values/scorecard.ts';
import { crimeSections } from './crimeSections.ts';
import type { PackDefinition } from './packSchema.ts';
import { formatValue } from './packWords.ts';
import { exceptionsSection, themeSection } from './themeSections.ts';
import type { CountPanel } from '../values/panelValue.ts';
import type { CountRegister } from '../values/registerValue.ts';

/*
 * The quarterly performance pack as a BuiltReport, the report engine's one document model, so it is rendered by the
 * same HTML, PDF, Word and Excel renderers as every other report (decision 0013): exceptions first, one section per
 * theme, then the financial-year crime table and the target-against-baseline table, data notes and annex.
 */

export interface PackRequest {
  quarter: string;
  area: { code: string; name: string };
  themes: readonly Theme[];
  definition: PackDefinition;
  /** The figure engine for computed indicators (a reader's, through the release layer, in the app). */
  analyse: Analyse | null;
  /** Register counts for indicators computed from a register (the reader's, in the app); null: not available. */
  countRegister?: CountRegister | null;
  /** The anonymous panel counts as released, for indicators computed from a panel measure (issue 21). */
  countPanel?: CountPanel | null;
  builtAt?: Date;
  today?: string;
}

export async function buildPack(db: Kysely<DB>, request: PackRequest): Promise<BuiltReport> {
  const quarter = parseQuarter(request.quarter);
  const card = await buildScorecard(db, request.analyse, {
    countRegister: request.countRegister ?? null,
    countPanel: request.countPanel ?? null,
    quarter: quarter.label,
    area: request.area.code,
    themes: request.themes,
    ...(request.today === undefined ? {} : { today: request.today }),
  });
  let tables = 0;
  let figures = 0;
  const n = { table: () => `Table ${++tables}`, figure: () => `Figure ${++figures}` };
  const rows = card.themes.flatMap((t) => t.rows);
  const themeNames = new Map(request.themes.map((t) => [t.id, t.name]));
  const sections: BuiltSection[] = [
    exceptionsSection(
      rows,
      themeNames,
      card.returns.filter((r) => r.late),
      n,
    ),
  ];
  card.themes.forEach((t, i) => sections.push(themeSection(String(i + 2), t.theme, t.rows, n)));
  const next = sections.length + 1;
  const crime = await crimeSections(
    db,
    {
      area: request.area.code,
      by: quarter.end,
      definition: request.definition,
      numbers: [String(next), String(next + 1)],
      notes: { crime: 2, baseline: 3 },
    },
    n,
  );
  sections.push(...crime.sections);
  const synthetic = rows.some((r) => r.cells.some((c) => c.point?.synthetic));
  const indicatorNote: Omit<DataNote, 'number' | 'usedBy'> = {
    source:
      'Partner returns accepted by the partnership analyst; computed indicators from the figure engine over the imported police data',
    extractDates: [],
    definition: `${rows.length} indicators in ${card.themes.length} themes (indicators/, each citing its source)`,
    definitionVersion: null,
    method:
      'Direction of travel against the period a year before (the quarter before, for quarterly indicators). Target RAG: green on target, amber within the tolerance written beside the target, red beyond it. Statistical RAG: the earlier value against this value\'s 95% interval (exact Poisson below 10, Byar from 10, Wilson for percentages); "not comparable" where the indicator\'s definition changed between the two values.',
    caveats: synthetic ? ["Values marked SYNTHETIC are demonstration returns, not any agency's figures."] : [],
  };
  const notes = [indicatorNote, ...crime.notes].map((note, i) => ({
    ...note,
    number: i + 1,
    usedBy: sections
      .flatMap((s) => s.blocks)
      .filter((b) => b.kind === 'figure' && b.notes.includes(i + 1))
      .map((b) => (b.kind === 'figure' ? b.label : '')),
  }));
  const annex: AnnexRow[] = rows.flatMap((r) =>
    r.cells
      .filter((c) => c.point !== null)
      .map((c) => ({
        figure: r.indicator.name,
        block: r.indicator.theme,
        group: c.periodLabel,
        count: r.indicator.unit.kind === 'count' ? (c.point?.value ?? null) : (c.point?.numerator ?? null),
        rate: r.indicator.unit.kind === 'count' ? null : (c.point?.value ?? null),
        lower: null,
        upper: null,
        shown: formatValue(r.indicator, c.point?.value ?? null) + (c.point?.synthetic ? ' (SYNTHETIC)' : ''),
        method:
          c.point?.origin.kind === 'returned'
            ? `returned by ${r.indicator.leadAgency.replace('_', ' ')}`
            : 'computed by the figure engine',
        definition: r.indicator.id,
        definitionVersion: r.indicator.version,
        source:
          c.point?.origin.kind === 'computed'
            ? c.point.origin.source
            : `return ${c.point?.origin.kind === 'returned' ? c.point.origin.returnId : ''}`,
        extractDate: c.point?.origin.kind === 'computed' ? c.point.origin.extractDate : null,
      })),
  );
  return {
    title: request.definition.title,
    subtitle: `${request.area.name}, ${quarter.label} (${formatMonth(quarter.start)} to ${formatMonth(quarter.end)})`,
    templateId: request.definition.id,
    templateVersion: request.definition.version,
    area: request.area,
    period: quarter.label,
    compare: null,
    edition: 'internal',
    marking: 'OFFICIAL',
    builtAt: (request.builtAt ?? new Date()).toISOString(),
    asOf: {},
    extracts: Object.fromEntries(
      [...new Set(crime.extracts)]
        .sort()
        .slice(-1)
        .map((d) => ['crime-tables', d]),
    ),
    sections,
    notes,
    annex,
    attribution: [
      'Contains public sector information licensed under the Open Government Licence v3.0.',
      request.definition.citation,
    ],
  };
}
