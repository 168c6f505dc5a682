import { normaliseHeader } from '../../ingest/csvRecords.ts';
import type { RegisterDefinition } from '../registerSchema.ts';
import { type FileColumn, fileColumns } from './fileColumns.ts';
import type { ImportProblem } from './importProblems.ts';

/*
 * A file's header against the register's columns (any order, any case, spaces collapsed): every column must be one
 * of the register's, none twice, and every required one present. A wrong header rejects the file before any row is
 * read, naming each column at fault.
 */

export interface HeaderMap {
  /** Per cell of the header, the column name it is (in the names entryValues reads), or null for a blank cell. */
  names: (string | null)[];
}

export function checkHeader(
  register: RegisterDefinition,
  cells: readonly string[],
  line: number,
): HeaderMap | ImportProblem[] {
  const columns = fileColumns(register);
  const byName = new Map<string, FileColumn>(columns.map((c) => [c.name, c]));
  const problems: ImportProblem[] = [];
  const seen = new Set<string>();
  const names = cells.map((cell) => {
    const name = normaliseHeader(cell);
    if (name === '') return null;
    if (!byName.has(name))
      problems.push({ line, column: cell.trim(), message: `not a column of the ${register.name} register` });
    else if (seen.has(name)) problems.push({ line, column: name, message: 'the column appears twice' });
    seen.add(name);
    return name;
  });
  for (const c of columns)
    if (c.required && !seen.has(c.name)) problems.push({ line, column: c.name, message: 'the column is missing' });
  if (register.geometry === 'area' && !seen.has('lsoa') && !seen.has('ward'))
    problems.push({ line, column: 'ward', message: 'the file needs a ward or lsoa column' });
  if (problems.length > 0) {
    const expected = columns.map((c) => c.name).join(', ');
    problems.push({ line, column: null, message: `the columns of ${register.id} are: ${expected}` });
    return problems;
  }
  return { names };
}
