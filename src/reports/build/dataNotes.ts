import type { AnalysisResult } from '../../analysis/analysisResult.ts';
import { formatCount } from '../../charts/svg.ts';
import { figureLabel } from '../../figureViews/resultChart.ts';
import { subjectName } from './headlineView.ts';
import type { AnnexRow, DataNote } from '../builtReport.ts';

/**
 * The numbered data notes: one per distinct source, extract dates, definition and method, listing the figures
 * that use it, so a reader can trace every number to its files. Built in reading order, so note 1 is the first
 * figure's.
 */
export class DataNotesCollector {
  private readonly notes: DataNote[] = [];
  private readonly byKey = new Map<string, DataNote>();

  /** Adds the results behind a figure labelled `label`; returns the note numbers it uses. */
  add(label: string, results: readonly AnalysisResult[]): number[] {
    const numbers = new Set<number>();
    for (const r of results) {
      const method = [...new Set(r.figures.map((f) => f.method))].join('; ') || 'no figures';
      const key = JSON.stringify([
        r.vintage.source,
        r.vintage.extractDates,
        r.definition.id,
        r.definition.version,
        method,
      ]);
      let note = this.byKey.get(key);
      if (!note) {
        note = {
          number: this.notes.length + 1,
          usedBy: [],
          source: r.vintage.source,
          extractDates: [...r.vintage.extractDates],
          definition: r.definition.name,
          definitionVersion: r.definition.version,
          method,
          caveats: [],
        };
        this.notes.push(note);
        this.byKey.set(key, note);
      }
      if (!note.usedBy.includes(label)) note.usedBy.push(label);
      for (const w of r.warnings) if (!note.caveats.includes(w)) note.caveats.push(w);
      numbers.add(note.number);
    }
    return [...numbers].sort((a, b) => a - b);
  }

  /** Adds a note for a figure drawn from something other than the figure engine (the provision map's register). */
  addSource(label: string, source: Omit<DataNote, 'number' | 'usedBy'>): number[] {
    const key = JSON.stringify(['source', source.source, source.extractDates, source.method]);
    let note = this.byKey.get(key);
    if (!note) {
      note = { ...source, number: this.notes.length + 1, usedBy: [], caveats: [...source.caveats] };
      this.notes.push(note);
      this.byKey.set(key, note);
    }
    note.usedBy.push(label);
    return [note.number];
  }

  all(): DataNote[] {
    return this.notes;
  }
}

/**
 * One annex row per figure of every result a block used. A block of several results (a comparison table) names
 * each row's subject too, so that block and group identify a row (the "what changed" view pairs rows by them).
 */
export function annexRows(label: string, block: string, results: readonly AnalysisResult[]): AnnexRow[] {
  const several = results.length > 1;
  return results.flatMap((r) =>
    r.figures.map(
      (f): AnnexRow => ({
        figure: label,
        block,
        group: several ? `${subjectName(r)}: ${figureLabel(f)}` : figureLabel(f),
        count: f.count,
        rate: f.rate,
        lower: f.lower,
        upper: f.upper,
        shown: f.suppressed === true ? '*' : f.count === null ? '' : formatCount(f.count),
        method: f.method,
        definition: r.definition.name,
        definitionVersion: r.definition.version,
        source: r.vintage.source,
        extractDate: f.extractDate,
      }),
    ),
  );
}
