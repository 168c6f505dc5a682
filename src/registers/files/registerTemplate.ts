import type { Kysely } from 'kysely';
import { csvLine } from '../../domain/csv/csvLine.ts';
import type { DB } from '../../db/schema.ts';
import type { BoroughPlaces } from '../places.ts';
import type { RegisterContext } from '../registerContext.ts';
import type { RegisterDefinition, RegisterField } from '../registerSchema.ts';
import { fileColumns } from './fileColumns.ts';

/*
 * A register's import template: the header and one SYNTHETIC example row that itself imports cleanly today. The
 * example's place is a point inside the borough (the centre of one of its LSOAs that lies in that LSOA), its dates
 * today, and a reference the newest submitted entry of the register it names (so it exists).
 */

export interface RegisterTemplate {
  header: string[];
  example: string[];
}

/** A point of the borough (5 decimals, about a metre) that the borough's own outlines place in an LSOA. */
export function examplePoint(places: BoroughPlaces): { lat: string; lon: string; lsoa: string; ward: string } | null {
  for (const [code, [lon, lat]] of places.lsoaCentres) {
    const [x, y] = [lon.toFixed(5), lat.toFixed(5)];
    if (places.lsoas.locate(Number(x), Number(y)) !== code) continue;
    return { lat: y, lon: x, lsoa: code, ward: places.wards.locate(Number(x), Number(y)) ?? '' };
  }
  return null;
}

function exampleValue(field: RegisterField, today: string, references: ReadonlyMap<string, string>, ward: string) {
  switch (field.type) {
    case 'text':
    case 'longtext':
      return `SYNTHETIC example: ${field.label.toLowerCase()}`;
    case 'date':
      return today;
    case 'datetime':
      return `${today} 09:30`;
    case 'integer':
      return String(Math.max(field.min ?? 0, Math.min(field.max ?? 1, 1)));
    case 'boolean':
      return 'no';
    case 'choice':
    case 'choices':
      return field.vocabulary?.[0] ?? '';
    case 'reference':
      return field.required ? (references.get(field.register ?? '') ?? '') : '';
    case 'wards':
      return ward;
    case 'url':
      return 'https://example.org/synthetic';
    case 'counts':
      return '';
  }
}

export function registerTemplate(
  register: RegisterDefinition,
  ctx: Pick<RegisterContext, 'places' | 'today'>,
  references: ReadonlyMap<string, string> = new Map(),
): RegisterTemplate {
  const point = examplePoint(ctx.places);
  const columns = fileColumns(register);
  const place: Record<string, string> = {
    latitude: point?.lat ?? '',
    longitude: point?.lon ?? '',
    // An area-only register is placed by its LSOA (the ward follows from it).
    lsoa: register.geometry === 'area' ? (point?.lsoa ?? '') : '',
    ward: '',
  };
  const example = columns.map((c) => {
    if (c.field === null) return place[c.name] ?? '';
    if (c.field.type === 'counts') return c.name === `${c.field.name}.${c.field.vocabulary?.[0]}` ? '1' : '0';
    return exampleValue(c.field, ctx.today, references, point?.ward ?? '');
  });
  return { header: columns.map((c) => c.name), example };
}

/**
 * The newest submitted entry's reference of each register this one references (for the example row), only from
 * the registers the person may read: a template never shows a reference its reader could not see.
 */
export async function exampleReferences(
  db: Kysely<DB>,
  register: RegisterDefinition,
  readable: ReadonlySet<string>,
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const f of register.fields) {
    if (f.type !== 'reference' || f.register === undefined || out.has(f.register)) continue;
    if (!readable.has(f.register)) continue;
    const row = await db
      .selectFrom('register_entry')
      .select('reference')
      .where('register_id', '=', f.register)
      .where('status', '=', 'submitted')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    if (row?.reference) out.set(f.register, row.reference);
  }
  return out;
}

/** The template as CSV text (LF line ends for the terminal, CRLF for a download). */
export function templateCsv(template: RegisterTemplate, eol: '\n' | '\r\n' = '\r\n'): string {
  return csvLine(template.header, { eol, neutralise: false }) + csvLine(template.example, { eol, neutralise: false });
}
