import type { AnalysisResult } from '../../analysis/analysisResult.ts';
import type { AnalysisRequestInput } from '../../analysis/request.ts';
import type { Definition } from '../../domain/definitions/definitionSchema.ts';
import type { ShapeSet } from '../../maps/boundaries.ts';
import type { ChartTable } from '../../charts/chart.ts';
import type { Chart } from '../../charts/chart.ts';
import type { Edition } from '../builtReport.ts';
import type { FigureField } from '../template/placeholders.ts';
import type { ProvisionTable, ReportTemplate } from '../template/templateSchema.ts';

/**
 * What the report engine needs from the rest of Safer, passed in by whoever builds (the pages and jobs through
 * src/release/analyseFor, so a report obeys the reader's access and the edition's disclosure rules exactly as a
 * page or download does; the CLI through the same door with its own reader).
 */
export interface ReportPorts {
  /** One released figure set. Throws AnalysisError when it cannot be produced. */
  analyse(input: AnalysisRequestInput): Promise<AnalysisResult>;
  /** The area a report is for, by name or code; throws AnalysisError NOT_FOUND when there is none. */
  resolveArea(area: string): Promise<{ code: string; name: string; type: string }>;
  /** Boundary shape sets held for a borough (every vintage), for maps. */
  shapes(boroughCode: string, level: 'ward' | 'lsoa'): Promise<readonly ShapeSet[]>;
  definitions(): Promise<readonly Definition[]>;
  /**
   * A table of the provision map as this build's reader may see it (src/registers/provision, the services
   * register's read rights). Throws AnalysisError UNSUPPORTED, with the reason, when it cannot be shown; a build
   * without this port shows provision blocks as unavailable.
   */
  provision?(table: ProvisionTable): Promise<ProvisionTableView>;
  /** Called after each figure block, for progress bars and job pages. */
  progress?(done: number, total: number, block: string): void;
}

/** What a figure view makes of its analyses: the drawing, the same numbers as a table, and words for narrative. */
export interface ViewOutput {
  chart: Chart | null;
  table: ChartTable;
  statement: string | null;
  facts: Partial<Record<FigureField, string>>;
  /** Every result the view used, for data notes and the annex. */
  results: AnalysisResult[];
}

/** A provision map table as a report shows it: the table, a sentence for narrative, and where it came from. */
export interface ProvisionTableView {
  table: ChartTable;
  sentence: string;
  /** The data note: the register read and when, and how the table is worked out. */
  note: { source: string; readOn: string; method: string; caveats: string[] };
}

/** The place and time a report is about, resolved once. */
export interface ReportPlace {
  area: { code: string; name: string; type: string };
  period: string;
  compare: string | null;
  comparators: { code: string; name: string }[];
}

export interface ReportRequest {
  template: ReportTemplate;
  area: string;
  period: string;
  compare: string | null;
  edition: Edition;
  /** The authors' narrative by block id; blocks not in it start from the template's text. */
  narrative?: Readonly<Record<string, string>>;
  /** A frozen build: each figure block answered as of the date it was published with. */
  asOf?: Readonly<Record<string, string>>;
  builtAt?: Date;
}
