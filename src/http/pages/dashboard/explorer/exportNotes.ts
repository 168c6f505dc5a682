import type { AnalysisResult } from '../../../../analysis/analysisResult.ts';
import type { AnalysisRequestInput } from '../../../../analysis/request.ts';
import { SOURCE_INFO } from '../../../../analysis/sources.ts';
import type { FigureRelease } from '../../../../release/analyseFor.ts';
import type { Definition } from '../../../../domain/definitions/definitionSchema.ts';

export const OGL_ATTRIBUTION = 'Contains public sector information licensed under the Open Government Licence v3.0';
export const SYNTHETIC_NOTE =
  'SYNTHETIC: these figures come from partner records generated for the demo, not real people.';

/** One line of the notes a download carries: a label and its text. */
export type NoteLine = readonly [string, string];

/** Published open data (MPS, police.uk) is OGL v3.0 and must say so; partner extracts are not open data. */
export function isOpenData(release: FigureRelease | undefined): boolean {
  if (!release?.source) return false;
  const info = SOURCE_INFO[release.source];
  return !info.synthetic && !info.series.startsWith('partner-');
}

/** What a download says about itself: definition, source, extract dates, method, disclosure, licence, and where it came from. */
export function exportNotes(
  result: AnalysisResult,
  release: FigureRelease | undefined,
  definitions: readonly Definition[],
  input: AnalysisRequestInput,
  permalink: string,
  generatedAt: Date,
): NoteLine[] {
  const full = definitions.find((d) => d.id === result.definition.id && d.version === result.definition.version);
  const methods = [...new Set(result.figures.map((f) => `${f.method}${f.confidence ? ` (${f.confidence})` : ''}`))];
  const disclosure = release?.rule
    ? `${release.rule.description}; primary and secondary suppression applied so no withheld value can be worked out from a total; ${release.suppressedFigures} figure${release.suppressedFigures === 1 ? '' : 's'} withheld (shown as ${release.rule.symbol}).`
    : 'Published figures: no disclosure control is needed.';
  const lines: NoteLine[] = [];
  if (result.vintage.synthetic) lines.push(['SYNTHETIC', SYNTHETIC_NOTE]);
  lines.push(
    [
      'Definition',
      `${result.definition.name} (${result.definition.id}${result.definition.version !== null ? `, version ${result.definition.version}` : ''}); counts ${result.definition.counts}`,
    ],
    ...(full?.description ? [['Definition detail', full.description] as const] : []),
    ['Area', input.area],
    ['Period', input.period],
    ...(input.compare ? [['Compared with', input.compare] as const] : []),
    ...(input.baseline ? [['Baseline', input.baseline] as const] : []),
    ['Breakdown', input.by ?? 'none'],
    ['Source', result.vintage.source],
    ['Extract dates', result.vintage.extractDates.join(', ') || 'none'],
    ...(result.vintage.asOf ? [['As of', result.vintage.asOf] as const] : []),
    ...(result.vintage.denominator ? [['Denominator', result.vintage.denominator] as const] : []),
    ['Method', methods.join('; ')],
    ['Disclosure control', disclosure],
    ...result.warnings.map((w) => ['Caveat', w] as const),
  );
  if (isOpenData(release)) lines.push(['Licence', OGL_ATTRIBUTION]);
  lines.push(['Permalink', permalink], ['Generated', generatedAt.toISOString()]);
  return lines;
}
