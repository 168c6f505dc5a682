/** One thing wrong with a register file: the line (CSV line or sheet row; null for the whole file) and column. */
export interface ImportProblem {
  line: number | null;
  column: string | null;
  message: string;
}

export const MAX_LISTED_PROBLEMS = 50;

/** Keeps the first 50 problems and counts them all. */
export class ImportProblems {
  readonly listed: ImportProblem[] = [];
  total = 0;
  add(problem: ImportProblem): void {
    this.total += 1;
    if (this.listed.length < MAX_LISTED_PROBLEMS) this.listed.push(problem);
  }
}

/** `file:line: column: message`, as compilers write it, so an editor or a person goes straight to the cell. */
export function formatImportProblem(file: string, p: ImportProblem): string {
  const where = p.line === null ? file : `${file}:${p.line}`;
  return `${where}: ${p.column ? `${p.column}: ` : ''}${p.message}`;
}
