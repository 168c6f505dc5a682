import { AnalysisError } from '../../../analysis/figure.ts';

/** A figure or the reason it cannot be produced: pages show the reason in words, never a zero or a 500. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; code: AnalysisError['code']; message: string };

/** Runs an analysis, turning an AnalysisError (no data, unsupported…) into an Outcome; anything else still throws. */
export async function attempt<T>(run: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    if (error instanceof AnalysisError) return { ok: false, code: error.code, message: error.message };
    throw error;
  }
}
