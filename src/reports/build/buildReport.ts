import { AnalysisError } from '../../analysis/figure.ts';
import type { AnalysisResult } from '../../analysis/analysisResult.ts';
import type { AnalysisRequestInput } from '../../analysis/request.ts';
import type { AnnexRow, BuiltReport, BuiltSection, FigureBlock } from '../builtReport.ts';
import { renderNarrative } from '../narrative/renderNarrative.ts';
import { figureOffers } from '../template/figureOffers.ts';
import type { FigureField } from '../template/placeholders.ts';
import { type FigureBlockTemplate, templateBlocks } from '../template/templateSchema.ts';
import { chartView } from './chartViews.ts';
import { comparisonView } from './comparisonView.ts';
import { annexRows, DataNotesCollector } from './dataNotes.ts';
import { headlineView } from './headlineView.ts';
import { provisionBlock } from './provisionView.ts';
import { ReportBuildError, resolvePlace } from './resolvePlace.ts';
import type { ReportPlace, ReportPorts, ReportRequest, ViewOutput } from './reportPorts.ts';

export type { ReportRequest };

/**
 * Builds a report: every figure block answered through `ports.analyse` in reading order, every narrative block
 * filled from those figures, numbered figures and tables, data notes and the annex. A figure with no data is shown
 * as unavailable with its reason; a template that names something that does not exist stops the build, naming
 * the block.
 */
export async function buildReport(request: ReportRequest, ports: ReportPorts): Promise<BuiltReport> {
  const { template } = request;
  const place = await resolvePlace(request, ports);
  const blocks = templateBlocks(template);
  const figures = blocks.filter((b) => b.block.kind === 'figure').length;
  const notes = new DataNotesCollector();
  const annex: AnnexRow[] = [];
  const facts = new Map<string, Partial<Record<FigureField, string>>>();
  const extracts: Record<string, string> = {};
  const built = new Map<string, FigureBlock>();
  let charts = 0;
  let tables = 0;
  let done = 0;
  for (const { block } of blocks) {
    if (block.kind !== 'figure') continue;
    if (block.view === 'provision') {
      const made = await provisionBlock(block, `Table ${++tables}`, fillTitle(block.title, place), ports, notes);
      built.set(block.id, made.block);
      if (made.sentence !== null) facts.set(block.id, { sentence: made.sentence });
      ports.progress?.(++done, figures, block.id);
      continue;
    }
    const when = request.asOf?.[block.id];
    const analyse = (input: AnalysisRequestInput) => ports.analyse(when ? { ...input, asOf: when } : input);
    const outcome = await figureOutcome(block, place, analyse, ports);
    const label = outcome.ok && outcome.view.chart ? `Figure ${++charts}` : `Table ${++tables}`;
    if (outcome.ok) {
      const v = outcome.view;
      facts.set(block.id, v.facts);
      annex.push(...annexRows(label, block.id, v.results));
      const latest = v.results
        .flatMap((r) => r.vintage.extractDates)
        .sort()
        .at(-1);
      if (latest) extracts[block.id] = when ?? latest;
      built.set(block.id, {
        kind: 'figure',
        id: block.id,
        label,
        title: fillTitle(block.title, place),
        chart: v.chart,
        table: v.table,
        statement: v.statement,
        notes: notes.add(label, v.results),
        unavailable: null,
        suppressedCells: v.results.reduce((a, r) => a + r.figures.filter((f) => f.suppressed === true).length, 0),
      });
    } else {
      built.set(block.id, unavailableBlock(block, label, fillTitle(block.title, place), outcome.reason));
    }
    ports.progress?.(++done, figures, block.id);
  }
  const offers = figureOffers(template);
  const narrativeFacts = {
    place: {
      area: place.area.name,
      period: place.period,
      compare: place.compare ?? 'the comparison period',
      unavailable: unavailableWords([...built.values()]),
    },
    figures: facts,
    offers,
  };
  const sections: BuiltSection[] = template.sections.map((s, i) => ({
    id: s.id,
    number: String(i + 1),
    title: s.title,
    blocks: s.blocks.map((b) =>
      b.kind === 'figure'
        ? built.get(b.id)!
        : renderNarrative(b.id, request.narrative?.[b.id] ?? b.markdown, narrativeFacts),
    ),
  }));
  return {
    title: template.title,
    subtitle: `${place.area.name}, ${place.period}${place.compare ? ` compared with ${place.compare}` : ''}`,
    templateId: template.id,
    templateVersion: template.version,
    area: { code: place.area.code, name: place.area.name },
    period: place.period,
    compare: place.compare,
    edition: request.edition,
    marking: request.edition === 'public' ? 'OFFICIAL (PUBLIC EDITION)' : 'OFFICIAL',
    builtAt: (request.builtAt ?? new Date()).toISOString(),
    asOf: { ...request.asOf },
    extracts,
    sections,
    notes: notes.all(),
    annex,
    attribution: [
      'Contains public sector information licensed under the Open Government Licence v3.0.',
      'Contains National Statistics data © Crown copyright and database right.',
    ],
  };
}

type Outcome = { ok: true; view: ViewOutput } | { ok: false; reason: string };

async function figureOutcome(
  block: FigureBlockTemplate,
  place: ReportPlace,
  analyse: (input: AnalysisRequestInput) => Promise<AnalysisResult>,
  ports: ReportPorts,
): Promise<Outcome> {
  try {
    if (block.view === 'comparison') return { ok: true, view: await comparisonView(block, place, analyse) };
    if (block.view === 'provision')
      throw new ReportBuildError(block.id, 'a provision block is built by provisionBlock');
    const input: AnalysisRequestInput = {
      ...(block.what.definition ? { definition: block.what.definition } : { category: block.what.category! }),
      area: place.area.code,
      period: place.period,
      ...(block.source ? { source: block.source } : {}),
    };
    if (block.view === 'headline') return { ok: true, view: await headlineView(block.id, input, place, analyse) };
    return { ok: true, view: await chartView(block, input, place, analyse, ports) };
  } catch (error) {
    if (error instanceof AnalysisError && (error.code === 'NO_DATA' || error.code === 'UNSUPPORTED'))
      return { ok: false, reason: error.message };
    if (error instanceof AnalysisError) throw new ReportBuildError(block.id, error.message);
    throw new ReportBuildError(block.id, error instanceof Error ? error.message : String(error), { cause: error });
  }
}

function unavailableBlock(block: FigureBlockTemplate, label: string, title: string, reason: string): FigureBlock {
  return {
    kind: 'figure',
    id: block.id,
    label,
    title,
    chart: null,
    table: { caption: title, head: [], rows: [], numeric: [] },
    statement: null,
    notes: [],
    unavailable: reason,
    suppressedCells: 0,
  };
}

const fillTitle = (title: string, place: ReportPlace) =>
  title
    .replaceAll('{area}', place.area.name)
    .replaceAll('{period}', place.period)
    .replaceAll('{compare}', place.compare ?? '');

/** The intelligence gaps the data itself shows: each figure that could not be produced, with the engine's reason. */
function unavailableWords(blocks: readonly FigureBlock[]): string {
  const missing = blocks.filter((b) => b.unavailable !== null);
  return missing.length === 0
    ? 'none: every figure in this report could be produced'
    : missing.map((b) => `${b.title} (${b.unavailable})`).join('; ');
}
