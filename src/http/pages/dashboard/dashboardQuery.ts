import { sql } from 'kysely';
import { z } from 'zod';
import { SOURCES } from '../../../analysis/request.ts';
import { resolveArea, type TargetArea } from '../../../analysis/areas.ts';
import { AnalysisError } from '../../../analysis/figure.ts';
import { remembered } from '../../../analysis/referenceMemo.ts';
import { formatMonth } from '../../../domain/periods/month.ts';
import { parsePeriod, PeriodParseError } from '../../../domain/periods/parsePeriod.ts';
import { samePeriodLastYear } from '../../../domain/periods/period.ts';
import type { Services } from '../../../services.ts';
import { HttpError } from '../../errors.ts';

const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .optional()
    .or(z.literal('').transform(() => undefined));

/**
 * The filters every dashboard page shares, read from the query string (filters
 * are links and GET forms, so every view has a permalink). Pages extend it.
 */
export const DashboardQuery = z.object({
  area: text(120),
  period: text(60),
  compare: text(60),
  baseline: text(60),
  definition: text(80),
  category: text(120),
  source: z
    .enum(SOURCES)
    .optional()
    .or(z.literal('').transform(() => undefined)),
});
export type DashboardQuery = z.infer<typeof DashboardQuery>;

export interface ResolvedFilters {
  area: TargetArea;
  /** Period label as the analysis engine reads it, e.g. '12 months to Feb 2026'. */
  period: string;
  /** The same months a year earlier, unless asked for another comparison. */
  compare: string;
  baseline: string | undefined;
  /** The latest month any published count holds for the area (YYYY-MM). */
  latestMonth: string;
}

/** The latest month of current published counts (MPS borough series first), so the default period is the latest 12 months. */
export async function latestMonth(services: Services): Promise<string> {
  // Remembered per data version (analysis/referenceMemo.ts); today's month, when nothing is held, never is.
  const latest = await remembered(services.db, 'latestMonth', '', () => latestHeldMonth(services));
  return latest ?? new Date().toISOString().slice(0, 7);
}

async function latestHeldMonth(services: Services): Promise<string | null> {
  const row = await services.db
    .selectFrom('count_slice')
    .select(sql<string | null>`to_char(max(month), 'YYYY-MM')`.as('latest'))
    .where('series', 'like', 'mps-borough/%')
    .where('superseded_by', 'is', null)
    .executeTakeFirst();
  if (row?.latest) return row.latest;
  const any = await services.db
    .selectFrom('count_slice')
    .select(sql<string | null>`to_char(max(month), 'YYYY-MM')`.as('latest'))
    .executeTakeFirst();
  return any?.latest ?? null;
}

/** Reads a period label, or a 400 that names the query parameter and says what to write. */
function periodParameter(field: string, label: string) {
  try {
    return parsePeriod(label);
  } catch (error) {
    if (error instanceof PeriodParseError) throw new HttpError(400, 'VALIDATION', `${field}: ${error.message}`);
    throw error;
  }
}

/** Fills in the defaults: the partnership's area, the latest 12 months, compared with the same months a year earlier. */
export async function resolveFilters(services: Services, query: DashboardQuery): Promise<ResolvedFilters> {
  const latest = await latestMonth(services);
  let area: TargetArea;
  try {
    area = await resolveArea(services.db, query.area ?? services.config.partnershipArea);
  } catch (error) {
    if (error instanceof AnalysisError) throw new HttpError(400, 'VALIDATION', `area: ${error.message}`);
    throw error;
  }
  const period = periodParameter('period', query.period ?? `12 months to ${formatMonth(latest)}`);
  if (query.baseline) periodParameter('baseline', query.baseline);
  return {
    area,
    period: period.label,
    // By default the same months a year earlier, whatever period was chosen.
    compare: query.compare ? periodParameter('compare', query.compare).label : samePeriodLastYear(period).label,
    baseline: query.baseline,
    latestMonth: latest,
  };
}

/** A link to the same page with some filters changed; empty values are dropped so permalinks stay short. */
export function hrefWith(
  path: string,
  current: Record<string, string | undefined>,
  changes: Record<string, string | undefined> = {},
): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...current, ...changes }))
    if (value !== undefined && value !== '') params.set(key, value);
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}
