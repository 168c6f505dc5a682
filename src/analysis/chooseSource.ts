import type { TargetArea } from './areas.ts';
import { AnalysisError } from './figure.ts';
import type { AnalysisRequest, SourceId } from './request.ts';
import type { CountSpec, Selection } from './selection.ts';
import { SOURCE_INFO, type SourceInfo } from './sources.ts';

/** Picks the first source that can produce the figure for the area and breakdown, or says why none can. */
export function chooseSource(
  selection: Selection,
  target: TargetArea,
  request: AnalysisRequest,
  canGroup: (s: SourceInfo) => string | null,
  preference: SourceId[],
): { usable: { spec: CountSpec; source: SourceInfo }[]; reasons: string[] } {
  const order = request.source ? [request.source] : preference;
  const reasons: string[] = [];
  const usable: { spec: CountSpec; source: SourceInfo }[] = [];
  for (const id of order) {
    const source = SOURCE_INFO[id];
    const spec = selection.specs[id];
    if (!spec) {
      reasons.push(...(selection.unsupported[id] ?? [`${source.name} cannot produce ${selection.definition.name}`]));
      continue;
    }
    const whyNot = canGroup(source);
    if (whyNot) {
      reasons.push(whyNot);
      continue;
    }
    usable.push({ spec, source });
  }
  if (usable.length === 0)
    throw new AnalysisError(
      'UNSUPPORTED',
      `cannot produce ${selection.definition.name} for ${target.name}: ${[...new Set(reasons)].join('; ')}`,
    );
  return { usable, reasons: [...new Set(reasons)] };
}
