import type { FigureShape, FigureShapes } from './figureShapes.ts';

export interface Vintage {
  source: string;
  extractDates: string[];
  denominator: string | null;
  asOf: string | null;
  synthetic: boolean;
}

/** One answer's figures, all of one shape: `shape` says which fields each figure has. */
export type ShapedFigures = { [S in FigureShape]: { shape: S; figures: FigureShapes[S][] } }[FigureShape];

/** The whole answer: `{"shape", "figures", "definition", "vintage", "warnings"}`. */
export type AnalysisResult = ShapedFigures & {
  definition: {
    id: string;
    version: number | null;
    name: string;
    counts: 'offences' | 'victims' | 'records' | 'searches';
  };
  vintage: Vintage;
  warnings: string[];
};

/** The figures of an answer known to be of one shape; a different shape is a programming error, said plainly. */
export function figuresOf<S extends FigureShape>(result: AnalysisResult, shape: S): FigureShapes[S][] {
  if (result.shape !== shape) throw new Error(`expected ${shape} figures, got ${result.shape}`);
  return result.figures as FigureShapes[S][];
}
