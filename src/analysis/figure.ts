/**
 * The fields every figure carries, whatever its shape. Each shape (figureShapes.ts) adds its own typed fields;
 * the release layer (src/release/disclosureRules.ts) must say how each of them is protected before it compiles.
 */
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
  /** Set by disclosure control (src/release/figureDisclosure.ts): the rule applied and whether this figure was hidden. */
  disclosureRule?: string;
  suppressed?: boolean;
  suppression?: 'primary' | 'secondary';
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
