import type { Actor } from '../../../auth/policy.ts';
import { AnalysisError } from '../../../analysis/figure.ts';
import type { AnalysisResult } from '../../../analysis/analysisResult.ts';
import type { AnalysisRequestInput } from '../../../analysis/request.ts';
import { addMonths, formatMonth } from '../../../domain/periods/month.ts';
import type { Services } from '../../../services.ts';
import { analyseFor } from '../../../release/analyseFor.ts';

/** One of the overview's headline figures: what it counts, as a definition or an offence category. */
export interface HeadlineSpec {
  /** Stable and unique: used for element ids. */
  key: string;
  title: string;
  /** How a sentence about it starts: 'Knife crime with injury'. */
  subject: string;
  what: { definition: string } | { category: string };
}

/**
 * The seven figures the partnership reads first (issue 5), in the order the
 * Serious Violence Duty needs assessment puts them. Definitions live in
 * definitions/*.json; categories are offence categories the engine resolves.
 */
export const HEADLINE_FIGURES: readonly HeadlineSpec[] = [
  {
    key: 'serious-violence-under-25',
    title: 'Serious violence affecting under-25s',
    subject: 'Serious violence affecting under-25s',
    what: { definition: 'serious-violence-under-25' },
  },
  {
    key: 'knife-crime-with-injury',
    title: 'Knife crime with injury',
    subject: 'Knife crime with injury',
    what: { definition: 'knife-crime-with-injury' },
  },
  {
    key: 'knife-injury-victims-1-24',
    title: 'Knife injury victims aged 1–24',
    subject: 'Knife injury victims aged 1–24',
    what: { definition: 'knife-injury-victims-1-24' },
  },
  { key: 'domestic-abuse', title: 'Domestic abuse', subject: 'Domestic abuse', what: { definition: 'domestic-abuse' } },
  {
    key: 'sexual-offences',
    title: 'Sexual offences',
    subject: 'Sexual offences',
    what: { category: 'sexual offences' },
  },
  {
    key: 'robbery-of-personal-property',
    title: 'Robbery of personal property',
    subject: 'Robbery of personal property',
    what: { category: 'robbery of personal property' },
  },
  { key: 'homicide', title: 'Homicide', subject: 'Homicide', what: { category: 'homicide' } },
];

export interface HeadlineQuery {
  area: string;
  period: string;
  compare: string;
  /** Last month of the chosen period (YYYY-MM): the sparkline ends here. */
  endMonth: string;
}

export interface HeadlineOutcome {
  spec: HeadlineSpec;
  /** The headline figure with benchmarks and change; null when it cannot be produced. */
  headline: AnalysisResult | null;
  /** Why the headline cannot be produced (the engine's AnalysisError message). */
  error: string | null;
  /** 36 months to the end of the period, by month, with SPC flags; null when they cannot be produced. */
  months: AnalysisResult | null;
  monthsError: string | null;
  /** The 36-month period asked for, e.g. 'Mar 2023–Feb 2026'. */
  monthsPeriod: string;
}

export const SPARKLINE_MONTHS = 36;

/** '36 months to Feb 2026' as a period label the engine reads: 'Mar 2023–Feb 2026'. */
export function monthsTo(endMonth: string, count = SPARKLINE_MONTHS): string {
  return `${formatMonth(addMonths(endMonth, -(count - 1)))}–${formatMonth(endMonth)}`;
}

/**
 * Fetches every headline figure and its monthly series at once, through
 * analyseFor (access control and the per-version cache). A figure the engine
 * cannot produce carries its reason; any other failure is a fault and is thrown.
 */
export async function fetchHeadlineFigures(
  services: Services,
  actor: Actor,
  query: HeadlineQuery,
  specs: readonly HeadlineSpec[] = HEADLINE_FIGURES,
): Promise<HeadlineOutcome[]> {
  const monthsPeriod = monthsTo(query.endMonth);
  return Promise.all(
    specs.map(async (spec) => {
      const base: AnalysisRequestInput = { ...spec.what, area: query.area, period: query.period };
      const [headline, months] = await Promise.all([
        attempt(() => analyseFor(services, actor, { ...base, compare: query.compare, by: 'none' }, 'page')),
        attempt(() => analyseFor(services, actor, { ...base, period: monthsPeriod, by: 'month' }, 'page')),
      ]);
      return {
        spec,
        headline: headline.result,
        error: headline.error,
        months: months.result,
        monthsError: months.error,
        monthsPeriod,
      };
    }),
  );
}

async function attempt(
  run: () => Promise<AnalysisResult>,
): Promise<{ result: AnalysisResult | null; error: string | null }> {
  try {
    return { result: await run(), error: null };
  } catch (error) {
    if (error instanceof AnalysisError) return { result: null, error: error.message };
    throw error;
  }
}
