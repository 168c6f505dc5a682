import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import { recordAuditAlone } from '../../audit/auditTogether.ts';
import type { Actor } from '../../auth/policy.ts';
import { csvLine } from '../../domain/csv/csvLine.ts';
import type { DB } from '../../db/schema.ts';
import type { Value } from '../entryValues.ts';
import { rightsFor } from '../readers.ts';
import { RegisterRefusedError } from '../registerErrors.ts';
import { marking } from '../registerPolicy.ts';
import type { RegisterDefinition } from '../registerSchema.ts';
import { fileColumns } from './fileColumns.ts';

/*
 * A register's submitted entries as a CSV or XLSX file, for people whose rights say export (readers other than
 * viewers). Personal fields are never exported: they are not even read. The first line (or sheet row) states the
 * marking, OFFICIAL or OFFICIAL-SENSITIVE; then the reference and the same columns the import template has, so a
 * file can be edited and imported elsewhere; CSV cells are neutralised against formula injection by the one CSV
 * writer. Every export is in the audit log with its row count.
 */

export type ExportFormat = 'csv' | 'xlsx';

export interface RegisterExportFile {
  fileName: string;
  contentType: string;
  body: Buffer;
  rows: number;
}

const PLACE_COLUMNS = ['latitude', 'longitude', 'lsoa', 'ward'] as const;

/** The header and rows of the export (no personal field, no marking line): what both formats write. */
export async function exportTable(db: Kysely<DB>, register: RegisterDefinition) {
  const columns = fileColumns(register).filter((c) => c.field !== null && !c.field.personal);
  const placed = register.geometry !== 'none' && register.geometry !== 'wards';
  const entries = await db
    .selectFrom('register_entry')
    .select(['reference', 'data', 'lat', 'lon', 'lsoa_code', 'ward_code'])
    .where('register_id', '=', register.id)
    .where('status', '=', 'submitted')
    .orderBy('occurred_on')
    .orderBy('id')
    .execute();
  const header = ['reference', ...columns.map((c) => c.name), ...(placed ? PLACE_COLUMNS : [])];
  const rows = entries.map((e) => {
    const data = e.data as Record<string, Value>;
    const cells: (string | number | null)[] = [e.reference];
    for (const c of columns) {
      const field = c.field!;
      const v = data[field.name];
      cells.push(field.type === 'counts' ? countOf(v, c.name.slice(field.name.length + 1)) : cellOf(v));
    }
    if (placed) cells.push(e.lat, e.lon, e.lsoa_code, e.ward_code);
    return cells;
  });
  return { header, rows };
}

const countOf = (v: Value | undefined, term: string): number | null =>
  v !== undefined && typeof v === 'object' && !Array.isArray(v) ? (v[term] ?? null) : null;

function cellOf(v: Value | undefined): string | number | null {
  if (v === undefined) return null;
  if (Array.isArray(v)) return v.join('; ');
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'object') return JSON.stringify(v);
  return v;
}

export async function exportRegister(
  db: Kysely<DB>,
  actor: Actor,
  register: RegisterDefinition,
  format: ExportFormat,
  options: { now: Date; ip?: string; via?: string },
): Promise<RegisterExportFile> {
  if (!(await rightsFor(db, actor, register)).export)
    throw new RegisterRefusedError(`You may not export the ${register.name} register`);
  const { header, rows } = await exportTable(db, register);
  const day = options.now.toISOString().slice(0, 10);
  const title = `${marking(register)}: ${register.name}, ${rows.length} ${rows.length === 1 ? 'entry' : 'entries'}, exported ${day} by ${actor.email}`;
  const body = format === 'csv' ? csvBody(title, header, rows) : await xlsxBody(register, title, header, rows);
  await recordAuditAlone(
    db,
    {
      action: 'register.export',
      actor: { userId: actor.id, email: actor.email, agency: actor.agency },
      subjectType: 'register',
      subjectId: register.id,
      ip: options.ip,
      details: { format, rows: rows.length, marking: marking(register), via: options.via ?? null },
    },
    options.now,
  );
  return {
    fileName: `${register.id}-${day}.${format}`,
    contentType:
      format === 'csv'
        ? 'text/csv; charset=utf-8'
        : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body,
    rows: rows.length,
  };
}

function csvBody(title: string, header: string[], rows: (string | number | null)[][]): Buffer {
  let text = csvLine([title]) + csvLine(header);
  for (const row of rows) text += csvLine(row);
  return Buffer.from(text, 'utf8');
}

async function xlsxBody(
  register: RegisterDefinition,
  title: string,
  header: string[],
  rows: (string | number | null)[][],
): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(register.name.slice(0, 31));
  sheet.addRow([title]).font = { bold: true };
  sheet.addRow(header).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}
