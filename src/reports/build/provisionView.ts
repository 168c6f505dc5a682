import { AnalysisError } from '../../analysis/figure.ts';
import type { FigureBlock } from '../builtReport.ts';
import type { FigureBlockTemplate } from '../template/templateSchema.ts';
import type { DataNotesCollector } from './dataNotes.ts';
import { ReportBuildError } from './resolvePlace.ts';
import type { ReportPorts } from './reportPorts.ts';

type ProvisionBlock = Extract<FigureBlockTemplate, { view: 'provision' }>;

/**
 * A provision block: its table through the `provision` port (so the reader's rights on the services register
 * apply), with a data note naming the register and the day it was read. A table that cannot be shown (no port,
 * a reader outside the register's readership) is unavailable with the reason, like a figure with no data.
 */
export async function provisionBlock(
  block: ProvisionBlock,
  label: string,
  title: string,
  ports: Pick<ReportPorts, 'provision'>,
  notes: DataNotesCollector,
): Promise<{ block: FigureBlock; sentence: string | null }> {
  const shown = {
    kind: 'figure',
    id: block.id,
    label,
    title,
    chart: null,
    statement: null,
    suppressedCells: 0,
  } as const;
  try {
    if (!ports.provision) throw new AnalysisError('UNSUPPORTED', 'the provision map was not given to this build');
    const v = await ports.provision(block.table);
    const { source, readOn, method, caveats } = v.note;
    const numbers = notes.addSource(label, {
      source,
      extractDates: [readOn],
      definition: 'Provision map',
      definitionVersion: null,
      method,
      caveats,
    });
    return { block: { ...shown, table: v.table, notes: numbers, unavailable: null }, sentence: v.sentence };
  } catch (error) {
    if (!(error instanceof AnalysisError))
      throw new ReportBuildError(block.id, error instanceof Error ? error.message : String(error), { cause: error });
    const empty = { caption: title, head: [], rows: [], numeric: [] };
    return { block: { ...shown, table: empty, notes: [], unavailable: error.message }, sentence: null };
  }
}
