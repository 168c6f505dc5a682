/** One thing wrong with an input file, located as precisely as the format allows. */
export interface Problem {
  /** 1-based line in the (decompressed) file; null when the problem is the file as a whole. */
  line: number | null;
  column: string | null;
  value: string | null;
  message: string;
}

export const MAX_LISTED_PROBLEMS = 50;

/** Collects problems while a file streams: keeps the first 50 and counts the rest. */
export class ProblemCollector {
  readonly listed: Problem[] = [];
  total = 0;

  add(problem: Problem): void {
    this.total += 1;
    if (this.listed.length < MAX_LISTED_PROBLEMS) this.listed.push(problem);
  }

  get any(): boolean {
    return this.total > 0;
  }
}

/** A file that cannot be imported. Nothing it would have written is kept. */
export class ImportRejectedError extends Error {
  readonly code = 'IMPORT_REJECTED';
  constructor(
    readonly file: string,
    readonly problems: readonly Problem[],
    readonly totalProblems: number = problems.length,
  ) {
    super(formatRejection(file, problems, totalProblems));
    this.name = 'ImportRejectedError';
  }

  static single(file: string, problem: Partial<Problem> & { message: string }): ImportRejectedError {
    return new ImportRejectedError(file, [{ line: null, column: null, value: null, ...problem }]);
  }
}

export function formatProblem(file: string, p: Problem): string {
  const where = [file, p.line === null ? null : `line ${p.line}`, p.column === null ? null : `column "${p.column}"`]
    .filter((x) => x !== null)
    .join(', ');
  const value = p.value === null ? '' : ` (value ${JSON.stringify(truncate(p.value, 80))})`;
  return `${where}: ${p.message}${value}`;
}

function formatRejection(file: string, problems: readonly Problem[], total: number): string {
  const lines = problems.map((p) => formatProblem(file, p));
  if (total > problems.length) lines.push(`… and ${total - problems.length} more problems`);
  return `${file} was rejected; nothing was imported.\n${lines.join('\n')}`;
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}
