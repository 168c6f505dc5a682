import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Period } from '../domain/periods/period.ts';
import type { TargetArea } from './areas.ts';
import type { AnalysisRequest } from './request.ts';
import type { CountSpec, Selection } from './selection.ts';
import type { SourceInfo } from './sources.ts';

/**
 * Everything an analysis needs, resolved once per request by runAnalysis.ts. The steps that resolve and use it
 * live in their own modules: requestPeriod.ts (the period asked for), chooseSource.ts (which source can answer),
 * coverage.ts (which months it holds), countIn.ts (counting), rateFigure.ts (a count with its rate and limits).
 */
export interface AnalysisContext {
  db: Kysely<DB>;
  request: AnalysisRequest;
  selection: Selection;
  target: TargetArea;
  period: Period;
  spec: CountSpec;
  source: SourceInfo;
  /** Caveats gathered while answering; the answer carries each once. */
  warnings: string[];
  /** Extract dates of every row counted, for the answer's vintage. */
  extractDates: Set<string>;
  /** The population estimate used as denominator, when an analysis chose one other than the default. */
  denominator: string | null;
}
