import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Definition } from '../domain/definitions/definitionSchema.ts';
import { areaCondition, resolveArea, type TargetArea } from './areas.ts';
import type { AnalysisContext } from './context.ts';
import { checkCoverage } from './coverage.ts';
import { chooseSource } from './chooseSource.ts';
import { periodOf } from './requestPeriod.ts';
import { AnalysisError, type Figure } from './figure.ts';
import type { AnalysisResult, ShapedFigures } from './analysisResult.ts';
import type { FigureShape, FigureShapes } from './figureShapes.ts';
import { AnalysisRequest, type AnalysisRequestInput, type Dimension, type SourceId } from './request.ts';
import { buildSelection } from './selection.ts';
import { noDataMessage } from './noDataReason.ts';
import { partialMonthNotes } from './partialMonthNotes.ts';
import { PARTNER_ONLY_DIMENSIONS, sourcePreference, STOP_SEARCH_DIMENSIONS, type SourceInfo } from './sources.ts';
import { POPULATION_LABELS, DEFAULT_POPULATION } from './population.ts';
import { headline } from './analyses/headline.ts';
import { timeSeries } from './analyses/series.ts';
import { areaBreakdown, shareBreakdown } from './analyses/breakdown.ts';
import { londonRanking } from './analyses/ranking.ts';
import { disproportionality } from './analyses/disproportionality.ts';
import { afterSchoolWindow, outcomes, repeatVictimisation, victimSuspectOverlap } from './analyses/recordProfiles.ts';
import { gridHotspots, kernelDensity } from './analyses/hotspots.ts';
import { costOfCrimeFigures } from './analyses/cost.ts';
import { emergingHotspots } from './analyses/emergingHotspots.ts';
import { nearRepeat } from './analyses/nearRepeat.ts';

/** Breakdowns made from map points: only police.uk street records carry them. */
const MAP_POINT_DIMENSIONS: ReadonlySet<Dimension> = new Set(['grid', 'kde', 'emerging-hotspots', 'near-repeat']);

/** Why a source cannot give a breakdown, in words people read; null when it can. */
function whyNot(source: SourceInfo, by: Dimension): string | null {
  if (
    PARTNER_ONLY_DIMENSIONS.has(by) &&
    source.id !== 'partner-police' &&
    !(by === 'outcome' && source.id === 'police-uk-stop-search')
  ) {
    const field = by.replace(/-/g, ' ');
    return `${source.name} ${source.level === 'record' ? 'records carry' : 'counts carry'} no ${field === 'outcome' ? 'outcomes' : field.includes('age') ? 'victim or suspect age' : field}`;
  }
  if (STOP_SEARCH_DIMENSIONS.has(by) && by !== 'outcome' && source.id !== 'police-uk-stop-search')
    return `${source.name} has no ${by} of people searched (only stop-and-search records do)`;
  if (MAP_POINT_DIMENSIONS.has(by) && source.id !== 'police-uk-street')
    return `${source.name} has no map points${by === 'near-repeat' ? ' (a near-repeat test needs where and when each record happened)' : ''}`;
  if (by === 'lsoa' && !['mps-lsoa', 'police-uk-street', 'police-uk-stop-search', 'partner-police'].includes(source.id))
    return `${source.name} is not published by LSOA`;
  if (
    by === 'ward' &&
    ![
      'mps-ward',
      'mps-lsoa',
      'mps-vawg-offences',
      'police-uk-street',
      'police-uk-stop-search',
      'partner-police',
    ].includes(source.id)
  )
    return `${source.name} is not published by ward`;
  return null;
}

/**
 * Answers one analysis request: resolves what is counted, where and when,
 * picks the best source that can produce it, and returns figures with their
 * method, limits, source and extract date. The CLI and the API both call this.
 */
export interface AnalysisOptions {
  /** Sources this reader may draw figures from (see src/release/sourceAccess.ts); all when absent (the CLI). */
  allowedSources?: ReadonlySet<SourceId>;
}

export async function runAnalysis(
  db: Kysely<DB>,
  definitions: readonly Definition[],
  input: AnalysisRequestInput,
  options: AnalysisOptions = {},
): Promise<AnalysisResult> {
  const parsed = AnalysisRequest.safeParse(input);
  if (!parsed.success)
    throw new AnalysisError(
      'INVALID',
      parsed.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; '),
    );
  const request = parsed.data;
  const selection = await buildSelection(db, definitions, request);
  const target = await resolveArea(db, request.area);
  const period = periodOf(request.period);
  const by = request.by;
  const areaFor = by === 'rank' ? { ...target, type: 'region' as const } : target;
  const { usable: candidates, reasons } = chooseSource(
    selection,
    target,
    request,
    (s) =>
      (options.allowedSources && !options.allowedSources.has(s.id) ? `you do not have access to ${s.name}` : null) ??
      whyNot(s, by) ??
      (areaCondition(s, areaFor) ? null : `${s.name} cannot be counted for a ${target.type}`),
    sourcePreference(target.type),
  );

  let ctx: AnalysisContext | null = null;
  const empty: { attempt: AnalysisContext; area: TargetArea }[] = [];
  for (const { spec, source } of candidates) {
    const attempt: AnalysisContext = {
      db,
      request,
      selection,
      target,
      period,
      spec,
      source,
      warnings: [],
      extractDates: new Set(),
      denominator: null,
    };
    const coverageArea =
      by === 'rank' ? { code: 'E12000007', name: 'London', type: 'region' as const, parentCode: null } : target;
    if (await checkCoverage(attempt, period, coverageArea)) {
      ctx = attempt;
      break;
    }
    empty.push({ attempt, area: coverageArea });
  }
  // No source holds any of the period: say so, and why, rather than show a count of 0. Asked only now,
  // so a figure a later source answers costs nothing more.
  if (!ctx) {
    const why: string[] = [];
    for (const { attempt, area } of empty) why.push(await noDataMessage(attempt, period, area));
    throw new AnalysisError(
      'NO_DATA',
      `no data for ${selection.definition.name}: ${[...new Set(why)].join('; ')}${reasons.length > 0 ? `; other sources cannot: ${reasons.join('; ')}` : ''}`,
    );
  }
  ctx.warnings.push(...ctx.spec.caveats);
  ctx.warnings.push(...(await partialMonthNotes(ctx)));
  if (ctx.source.synthetic)
    ctx.warnings.push('SYNTHETIC: partner records in this database are generated test data, not real people');

  const shapedFigures = await dispatch(ctx, by);
  const figures: readonly Figure[] = shapedFigures.figures;
  return {
    ...shapedFigures,
    definition: selection.definition,
    vintage: {
      source: ctx.source.name,
      extractDates: [...ctx.extractDates].sort(),
      denominator:
        ctx.denominator ??
        (figures.some((f) => f.denominator !== null && f.multiplier !== null)
          ? POPULATION_LABELS[DEFAULT_POPULATION]!
          : null),
      asOf: request.asOf ?? null,
      synthetic: ctx.source.synthetic,
    },
    warnings: [...new Set(ctx.warnings)],
  };
}

/** Which analysis answers a breakdown, and the shape of the figures it makes. */
async function dispatch(ctx: AnalysisContext, by: Dimension): Promise<ShapedFigures> {
  switch (by) {
    case 'none':
      return shaped('headline', await headline(ctx));
    case 'month':
    case 'quarter':
    case 'financial-year':
      return shaped('series', await timeSeries(ctx, by));
    case 'borough':
    case 'ward':
    case 'lsoa':
      return shaped('areas', await areaBreakdown(ctx, by));
    case 'rank':
      return shaped('ranking', await londonRanking(ctx));
    case 'category':
      return shaped('shares', await shareBreakdown(ctx, 'category', 'category'));
    case 'hour-weekday':
      return shaped('shares', await shareBreakdown(ctx, 'hour-weekday', 'weekdayHour'));
    case 'hour':
      return shaped('shares', await shareBreakdown(ctx, 'hour', 'hour'));
    case 'weekday':
      return shaped('shares', await shareBreakdown(ctx, 'weekday', 'weekday'));
    case 'victim-sex':
    case 'suspect-sex':
      return shaped('shares', await shareBreakdown(ctx, by, by));
    case 'victim-age':
    case 'suspect-age':
      return shaped('group-rates', await disproportionality(ctx, by, 'age'));
    case 'victim-ethnicity':
    case 'suspect-ethnicity':
      return shaped('group-rates', await disproportionality(ctx, by, 'ethnicity'));
    case 'ethnicity':
      return shaped('group-rates', await disproportionality(ctx, 'ethnicity', 'ethnicity'));
    case 'age':
    case 'sex':
    case 'object':
      return shaped('shares', await shareBreakdown(ctx, by, by));
    case 'after-school':
      return shaped('shares', await afterSchoolWindow(ctx));
    case 'repeat-victimisation':
      return shaped('shares', await repeatVictimisation(ctx));
    case 'victim-suspect-overlap':
      return shaped('shares', await victimSuspectOverlap(ctx));
    case 'outcome':
      return shaped('shares', await outcomes(ctx));
    case 'grid':
      return shaped('grid-hotspots', await gridHotspots(ctx));
    case 'kde':
      return shaped('density', await kernelDensity(ctx));
    case 'cost':
      return shaped('cost', await costOfCrimeFigures(ctx));
    case 'emerging-hotspots':
      return shaped('emerging-hotspots', await emergingHotspots(ctx));
    case 'near-repeat':
      return shaped('near-repeat', await nearRepeat(ctx));
  }
}

const shaped = <S extends FigureShape>(shape: S, figures: FigureShapes[S][]) => ({ shape, figures }) as ShapedFigures;
