/** One figure as every consumer (CLI, API, reports) receives it: group columns, then the value and how it was made. */
export interface Figure {
  /** The breakdown this figure belongs to, e.g. { period: '2023/24' } or { ethnicity: 'black' }. */
  group: Record<string, string>;
  count: number | null;
  denominator: number | null;
  /** Per `multiplier` people (rates) or a share (0–1) for proportions; null when not estimable. */
  rate: number | null;
  lower: number | null;
  upper: number | null;
  multiplier: number | null;
  method: string;
  confidence: string | null;
  definition: string;
  source: string;
  /** Latest extract date of the data in this figure (YYYY-MM-DD); null when no data was found. */
  extractDate: string | null;
  /** Everything else a figure may carry: benchmark, change, SPC flags, ranks, z-scores… */
  [extra: string]: unknown;
}

export interface Vintage {
  source: string;
  extractDates: string[];
  denominator: string | null;
  asOf: string | null;
  synthetic: boolean;
}

/** The whole answer: `{"figures", "definition", "vintage", "warnings"}`. */
export interface AnalysisResult {
  figures: Figure[];
  definition: {
    id: string;
    version: number | null;
    name: string;
    counts: 'offences' | 'victims' | 'records' | 'searches';
  };
  vintage: Vintage;
  warnings: string[];
}

/** A request Safer cannot answer, with the reason people read. */
export class AnalysisError extends Error {
  constructor(
    readonly code: 'UNSUPPORTED' | 'NOT_FOUND' | 'INVALID' | 'NO_DATA',
    message: string,
  ) {
    super(message);
    this.name = 'AnalysisError';
  }
}
