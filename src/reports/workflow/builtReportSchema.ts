import { z } from 'zod';
import type { ChartTable } from '../../charts/chart.ts';
import type { BuiltReport, Inline, NarrativeElement } from '../builtReport.ts';

/*
 * zod's twin of src/reports/builtReport.ts, to check a published BuiltReport read back from jsonb before any
 * renderer trusts it (a row written by an older version of the code may differ). Typed as z.ZodType<BuiltReport>,
 * so a field added to the model and not here fails the type check.
 */

const inline: z.ZodType<Inline> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: z.string() }),
  z.object({ kind: z.literal('strong'), text: z.string() }),
  z.object({ kind: z.literal('em'), text: z.string() }),
  z.object({ kind: z.literal('link'), text: z.string(), href: z.string() }),
  z.object({ kind: z.literal('marked'), text: z.string(), label: z.string() }),
]);

const element: z.ZodType<NarrativeElement> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('paragraph'), content: z.array(inline) }),
  z.object({ kind: z.literal('heading'), level: z.union([z.literal(3), z.literal(4)]), content: z.array(inline) }),
  z.object({ kind: z.literal('list'), ordered: z.boolean(), items: z.array(z.array(inline)) }),
]);

const chartTable: z.ZodType<ChartTable> = z.object({
  caption: z.string(),
  head: z.array(z.string()),
  rows: z.array(z.array(z.union([z.string(), z.number()]))),
  numeric: z.array(z.boolean()),
});

const chart = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  svg: z.string(),
  table: chartTable,
});

const block = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('narrative'), id: z.string(), elements: z.array(element) }),
  z.object({
    kind: z.literal('figure'),
    id: z.string(),
    label: z.string(),
    title: z.string(),
    chart: chart.nullable(),
    table: chartTable,
    statement: z.string().nullable(),
    notes: z.array(z.number().int()),
    unavailable: z.string().nullable(),
    suppressedCells: z.number().int().nonnegative(),
  }),
]);

const num = z.number().nullable();

export const builtReportSchema: z.ZodType<BuiltReport> = z.object({
  title: z.string(),
  subtitle: z.string(),
  templateId: z.string(),
  templateVersion: z.number().int(),
  area: z.object({ code: z.string(), name: z.string() }),
  period: z.string(),
  compare: z.string().nullable(),
  edition: z.enum(['internal', 'public']),
  marking: z.enum(['OFFICIAL', 'OFFICIAL-SENSITIVE', 'OFFICIAL (PUBLIC EDITION)']),
  builtAt: z.string(),
  asOf: z.record(z.string(), z.string()),
  extracts: z.record(z.string(), z.string()),
  sections: z.array(z.object({ id: z.string(), number: z.string(), title: z.string(), blocks: z.array(block) })),
  notes: z.array(
    z.object({
      number: z.number().int(),
      usedBy: z.array(z.string()),
      source: z.string(),
      extractDates: z.array(z.string()),
      definition: z.string(),
      definitionVersion: z.number().int().nullable(),
      method: z.string(),
      caveats: z.array(z.string()),
    }),
  ),
  annex: z.array(
    z.object({
      figure: z.string(),
      block: z.string(),
      group: z.string(),
      count: num,
      rate: num,
      lower: num,
      upper: num,
      shown: z.string(),
      method: z.string(),
      definition: z.string(),
      definitionVersion: z.number().int().nullable(),
      source: z.string(),
      extractDate: z.string().nullable(),
    }),
  ),
  attribution: z.array(z.string()),
});
