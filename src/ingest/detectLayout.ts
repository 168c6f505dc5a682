import type { FileInfo, Layout } from './layout.ts';
import { ImportRejectedError } from './problems.ts';

/**
 * Picks the layout for a file: the forced one when --format is given
 * (checking its signature columns), else the one whose signature matches,
 * preferring the most specific. When none matches, the error names every
 * known layout and the nearest one with the columns it lacks.
 */
export function detectLayout(file: FileInfo, layouts: readonly Layout[], forced?: string): Layout {
  if (forced) {
    const layout = layouts.find((l) => l.id === forced);
    if (!layout) {
      throw ImportRejectedError.single(file.label, {
        message: `unknown format "${forced}"; known formats: ${layouts.map((l) => l.id).join(', ')}`,
      });
    }
    const missing = missingColumns(file, layout);
    if (file.header && missing.length > 0) {
      throw new ImportRejectedError(
        file.label,
        missing.map((column) => ({
          line: 1,
          column,
          value: null,
          message: `missing required column "${column}" for format ${layout.id}`,
        })),
      );
    }
    return layout;
  }
  const matching = layouts.filter((l) => l.detect(file));
  if (matching.length > 0) {
    return matching.reduce((best, l) => (l.signature.length > best.signature.length ? l : best));
  }
  throw unknownLayout(file, layouts);
}

function missingColumns(file: FileInfo, layout: Layout): string[] {
  const present = new Set(file.header ?? []);
  return layout.signature.filter((c) => !present.has(c));
}

function unknownLayout(file: FileInfo, layouts: readonly Layout[]): ImportRejectedError {
  const known = layouts.map((l) => l.id).join(', ');
  if (!file.header) {
    return ImportRejectedError.single(file.label, {
      message: `unknown layout: the file is not a CSV, JSON or boundary file Safer knows (known layouts: ${known})`,
    });
  }
  const scored = layouts
    .filter((l) => l.signature.length > 0)
    .map((l) => ({
      l,
      missing: missingColumns(file, l),
      score: 1 - missingColumns(file, l).length / l.signature.length,
    }))
    .sort((a, b) => b.score - a.score);
  const nearest = scored[0];
  const hint =
    nearest && nearest.score > 0
      ? ` The nearest is ${nearest.l.id} (${nearest.l.description}), which also needs column(s): ${nearest.missing.map((c) => `"${c}"`).join(', ')}.`
      : '';
  return ImportRejectedError.single(file.label, {
    line: 1,
    value: (file.rawHeader ?? []).join(',').slice(0, 200),
    message: `unknown layout: the header matches none of the known layouts (${known}).${hint} Use --format NAME to force one`,
  });
}
