import { AnalysisError } from '../../analysis/figure.ts';
import { PeriodParseError, parsePeriod } from '../../domain/periods/parsePeriod.ts';
import { NarrativeError } from '../narrative/markdown.ts';
import { checkNarrative } from '../narrative/renderNarrative.ts';
import { PlaceholderError } from '../template/placeholders.ts';
import { templateBlocks } from '../template/templateSchema.ts';
import { figureOffers } from '../template/figureOffers.ts';
import type { ReportPlace, ReportPorts, ReportRequest } from './reportPorts.ts';

/** A report that cannot be built, naming the block (or the field of the request) at fault. */
export class ReportBuildError extends Error {
  constructor(
    readonly block: string,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`${block}: ${detail}`, options);
    this.name = 'ReportBuildError';
  }
}

/**
 * Checks the request before any figure is asked for, so a mistake costs nothing and is named precisely: the area
 * and comparators exist, the periods read, every block id is unique, every definition a block names is loaded,
 * and every narrative's placeholders and Markdown are acceptable.
 */
export async function resolvePlace(request: ReportRequest, ports: ReportPorts): Promise<ReportPlace> {
  const { template } = request;
  const seen = new Set<string>();
  const definitions = new Set((await ports.definitions()).map((d) => d.id));
  const offers = figureOffers(template);
  for (const { block } of templateBlocks(template)) {
    if (seen.has(block.id)) throw new ReportBuildError(block.id, 'two blocks have this id');
    seen.add(block.id);
    if (block.kind === 'narrative') {
      checkText(block.id, request.narrative?.[block.id] ?? block.markdown, offers);
      continue;
    }
    const named =
      block.view === 'comparison'
        ? block.rows.map((r) => r.definition)
        : block.view === 'provision'
          ? []
          : [block.what.definition];
    for (const d of named)
      if (d !== undefined && !definitions.has(d))
        throw new ReportBuildError(block.id, `no definition called "${d}" is loaded`);
  }
  for (const id of Object.keys(request.narrative ?? {}))
    if (!seen.has(id)) throw new ReportBuildError(id, `template ${template.id} has no block with this id`);
  const area = await area_(ports, request.area, 'area');
  const comparators = [];
  for (const c of template.comparators) comparators.push(await area_(ports, c, `comparator "${c}"`));
  return {
    area,
    period: period_(request.period, 'period'),
    compare: request.compare === null ? null : period_(request.compare, 'compare'),
    comparators,
  };
}

function checkText(block: string, markdown: string, offers: ReturnType<typeof figureOffers>): void {
  try {
    checkNarrative(block, markdown, offers);
  } catch (error) {
    if (error instanceof PlaceholderError || error instanceof NarrativeError)
      throw new ReportBuildError(block, error.message.replace(/^block "[^"]*": /, ''));
    throw error;
  }
}

async function area_(ports: ReportPorts, name: string, what: string) {
  try {
    return await ports.resolveArea(name);
  } catch (error) {
    if (error instanceof AnalysisError) throw new ReportBuildError(what, error.message);
    throw error;
  }
}

/** The period as people read it ('2023/24', '12 months to Mar 2024'). */
function period_(text: string, what: string): string {
  try {
    return parsePeriod(text).label;
  } catch (error) {
    if (error instanceof PeriodParseError) throw new ReportBuildError(what, error.message);
    throw error;
  }
}
