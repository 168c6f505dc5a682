import type { CopyValue } from '../../db/copy.ts';
import type { FileInfo, ImportOptions, ImportStats } from '../layout.ts';
import type { Problem } from '../problems.ts';

/**
 * Messages between an import's main thread (which owns the database) and the
 * worker thread that reads and checks the file (importWorker.ts). Everything
 * here survives structured cloning: no functions, no class instances.
 */
export interface WorkerJob {
  file: FileInfo;
  options: Pick<ImportOptions, 'format' | 'extractDate' | 'encoding' | 'importedBy'>;
  batchId: number;
  series: string;
  extractDate: string;
}

export type WorkerRequest =
  | { type: 'query'; id: number; sql: string; parameters: readonly unknown[] }
  | { type: 'copy'; id: number; table: string; columns: readonly string[]; rows: CopyValue[][] }
  | { type: 'copyBinary'; id: number; table: string; columns: readonly string[]; data: Uint8Array }
  | { type: 'progress'; bytes: number }
  | { type: 'done'; stats: ImportStats; problems: Problem[]; totalProblems: number; aggregatesWritten: string[] }
  | {
      type: 'failed';
      message: string;
      stack?: string;
      rejected?: { file: string; problems: Problem[]; total: number };
    };

export type MainReply =
  | { type: 'job'; job: WorkerJob }
  | { type: 'reply'; id: number; rows?: unknown[]; numAffectedRows?: bigint }
  | { type: 'replyError'; id: number; message: string };
