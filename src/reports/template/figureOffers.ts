import { FIGURE_FIELDS, type FigureField } from './placeholders.ts';
import { type ReportTemplate, templateBlocks } from './templateSchema.ts';

/** Placeholders a figure block offers: a headline has every field, other views a sentence. */
export function figureOffers(template: ReportTemplate): Map<string, ReadonlySet<FigureField>> {
  const offers = new Map<string, ReadonlySet<FigureField>>();
  for (const { block } of templateBlocks(template))
    if (block.kind === 'figure')
      offers.set(block.id, new Set(block.view === 'headline' ? FIGURE_FIELDS : (['sentence'] as const)));
  return offers;
}
