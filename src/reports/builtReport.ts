import type { Chart, ChartTable } from '../charts/chart.ts';

/*
 * A report once built: every figure answered, every chart drawn, every placeholder filled. It is the one input of
 * every output format (render/html.ts, render/pdf.ts, render/docx.ts, render/xlsx.ts), so the four carry the same
 * numbers by construction. Plain data, no functions: it is stored as JSON with a published version.
 */

/** Government Security Classification marking printed in headers and footers. */
export type Marking = 'OFFICIAL' | 'OFFICIAL-SENSITIVE' | 'OFFICIAL (PUBLIC EDITION)';

/** Internal: small numbers shown to readers allowed to see them. Public: every source's disclosure rule applied. */
export type Edition = 'internal' | 'public';

/** Narrative after Markdown rendering: a small closed set of elements, never raw HTML. */
export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'strong'; text: string }
  | { kind: 'em'; text: string }
  | { kind: 'link'; text: string; href: string }
  /** Text the reader must act on before release, shown inside a bordered box that begins with `label` (the
   * subject access record's third-party details: "Redact before release: <why>"). */
  | { kind: 'marked'; text: string; label: string };

export type NarrativeElement =
  | { kind: 'paragraph'; content: Inline[] }
  | { kind: 'heading'; level: 3 | 4; content: Inline[] }
  | { kind: 'list'; ordered: boolean; items: Inline[][] };

export interface NarrativeBlock {
  kind: 'narrative';
  /** The block's id in the template (stable across versions; comments and edits refer to it). */
  id: string;
  elements: NarrativeElement[];
}

/** One figure block: a chart (or none, for a table or headline) and the same numbers as a table. */
export interface FigureBlock {
  kind: 'figure';
  id: string;
  /** "Figure 3" or "Table 2": numbered through the report, charts and tables separately. */
  label: string;
  title: string;
  /** The chart, when the block draws one; its description is the image's alternative text. */
  chart: Chart | null;
  table: ChartTable;
  /** Headline blocks: the sentence that states the figure ("1,234 offences, 37.5 per 1,000 …"). */
  statement: string | null;
  /** Numbers of the data notes (1-based, see BuiltReport.notes) this figure draws on. */
  notes: number[];
  /** Why the figure could not be produced, in words people read; chart and table are then empty. */
  unavailable: string | null;
  /** Cells replaced by disclosure control in this edition (0 when none). */
  suppressedCells: number;
}

export type BuiltBlock = NarrativeBlock | FigureBlock;

export interface BuiltSection {
  id: string;
  /** "1", "2" …: sections are numbered, as in the SNA. */
  number: string;
  title: string;
  blocks: BuiltBlock[];
}

/** One entry of the numbered "data notes" annex: where a figure came from and how it was made. */
export interface DataNote {
  number: number;
  /** Figure labels that use this note ("Figure 1", "Table 3"). */
  usedBy: string[];
  source: string;
  extractDates: string[];
  definition: string;
  definitionVersion: number | null;
  method: string;
  /** Caveats and warnings the engine attached (partial months, synthetic data, disclosure control). */
  caveats: string[];
}

/** One row of the data annex: one figure of the report (xlsx, and the "what changed" view). */
export interface AnnexRow {
  figure: string;
  block: string;
  group: string;
  count: number | null;
  rate: number | null;
  lower: number | null;
  upper: number | null;
  /** '*' (or the rule's symbol) where the count is suppressed in this edition. */
  shown: string;
  method: string;
  definition: string;
  definitionVersion: number | null;
  source: string;
  extractDate: string | null;
}

export interface BuiltReport {
  title: string;
  subtitle: string;
  templateId: string;
  templateVersion: number;
  area: { code: string; name: string };
  period: string;
  compare: string | null;
  edition: Edition;
  marking: Marking;
  /** ISO timestamp of the build. */
  builtAt: string;
  /** For a frozen (published) build, the per-block "as of" dates it was answered at; empty for a live build. */
  asOf: Record<string, string>;
  /** Per figure block, the latest extract date its figures came from: the dates a publication freezes it at. */
  extracts: Record<string, string>;
  sections: BuiltSection[];
  notes: DataNote[];
  annex: AnnexRow[];
  /** Licence and provenance lines printed at the end of every format. */
  attribution: string[];
}

/** Every figure block in reading order. */
export const figureBlocks = (report: BuiltReport): FigureBlock[] =>
  report.sections.flatMap((s) => s.blocks.filter((b): b is FigureBlock => b.kind === 'figure'));
