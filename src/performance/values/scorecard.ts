import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { assessIndicator, type IndicatorAssessment, isException } from '../../domain/performance/assessIndicator.ts';
import { parseQuarter, reportingPeriods } from '../../domain/performance/indicatorPeriods.ts';
import { parsePeriod } from '../../domain/periods/parsePeriod.ts';
import type { Period } from '../../domain/periods/period.ts';
import type { Indicator, Theme } from '../indicatorSchema.ts';
import { acceptedValues, listReturns, type ReturnSummary } from '../returns/returnQueries.ts';
import { versionBodies } from '../returns/returnStore.ts';
import { currentIndicators } from '../store/indicatorStore.ts';
import type { Analyse } from './computedValue.ts';
import type { CountPanel } from './panelValue.ts';
import type { CountRegister } from './registerValue.ts';
import { indicatorSeries, type SeriesSources } from './indicatorSeries.ts';
import type { SeriesCell, ValuePoint } from './valuePoint.ts';

/*
 * The scorecard: every indicator's last four periods up to a quarter, its baseline, and its assessment (direction
 * of travel, target RAG, statistical RAG), grouped by theme. The scorecard page, the API and the performance pack
 * all read this one structure, so they cannot disagree.
 */

export const PERIODS_SHOWN = 4;

export interface ScorecardRow {
  indicator: Indicator;
  cells: SeriesCell[];
  baseline: SeriesCell | null;
  assessment: IndicatorAssessment;
  exception: boolean;
  /** The lead agency's commentary on the latest value, when it was returned. */
  commentary: string;
}

export interface Scorecard {
  quarter: string;
  themes: { theme: Theme; rows: ScorecardRow[] }[];
  /** The quarter's returns, with late ones flagged. */
  returns: ReturnSummary[];
}

export interface ScorecardFilter {
  theme?: string;
  subgroup?: string;
  leadAgency?: string;
  /** Keep rows whose target or statistical RAG is this state (e.g. 'red', 'significantly worse'). */
  rag?: string;
}

/**
 * One indicator's row: its last four periods up to the quarter, its baseline, and the assessment of its judged
 * values (partial ones are shown but never judged). The scorecard, the API and the pack all make rows here.
 */
export async function scorecardRow(
  sources: SeriesSources,
  indicator: Indicator,
  quarter: Period,
): Promise<ScorecardRow> {
  const periods = reportingPeriods(indicator.periodType, quarter.end, PERIODS_SHOWN);
  const cells = await indicatorSeries(sources, indicator, periods);
  const baseline =
    indicator.baseline === undefined
      ? null
      : ((await indicatorSeries(sources, indicator, [parsePeriod(indicator.baseline)]))[0] ?? null);
  const judged = cells.map((c) => c.point).filter((p): p is ValuePoint => p !== null && !p.partial);
  const assessment = assessIndicator(indicator, judged, baseline?.point ?? null);
  const latest = assessment.latest as ValuePoint | null;
  return {
    indicator,
    cells,
    baseline,
    assessment,
    exception: isException(assessment),
    commentary: latest?.origin.kind === 'returned' ? latest.origin.commentary : '',
  };
}

export async function buildScorecard(
  db: Kysely<DB>,
  analyse: Analyse | null,
  input: {
    quarter: string;
    area: string;
    themes: readonly Theme[];
    filter?: ScorecardFilter;
    today?: string;
    /** Register counts for the reader, for indicators computed from a register measure (issue 20). */
    countRegister?: CountRegister | null;
    /** The anonymous panel counts as released, for indicators computed from a panel measure (issue 21). */
    countPanel?: CountPanel | null;
  },
): Promise<Scorecard> {
  const quarter = parseQuarter(input.quarter);
  const f = input.filter ?? {};
  const indicators = (await currentIndicators(db))
    .map((s) => s.indicator)
    .filter(
      (i) => (f.theme === undefined || i.theme === f.theme) && (f.subgroup === undefined || i.subgroup === f.subgroup),
    )
    .filter((i) => f.leadAgency === undefined || i.leadAgency === f.leadAgency);
  const sources = {
    analyse,
    countRegister: input.countRegister ?? null,
    countPanel: input.countPanel ?? null,
    area: input.area,
    accepted: await acceptedValues(
      db,
      indicators.map((i) => i.id),
    ),
    versions: await versionBodies(db),
  };
  const rows = await Promise.all(indicators.map((indicator) => scorecardRow(sources, indicator, quarter)));
  const kept = rows.filter(
    (r) => f.rag === undefined || r.assessment.target.state === f.rag || r.assessment.statistical.state === f.rag,
  );
  const themes = input.themes
    .map((theme) => ({ theme, rows: kept.filter((r) => r.indicator.theme === theme.id) }))
    .filter((t) => t.rows.length > 0);
  return { quarter: quarter.label, themes, returns: await listReturns(db, { quarter: quarter.label }, input.today) };
}
