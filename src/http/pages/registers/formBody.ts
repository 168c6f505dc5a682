import { z } from 'zod';
import type { EntryDetail } from '../../../registers/entryQueries.ts';
import type { Raw, Value } from '../../../registers/entryValues.ts';
import type { RegisterDefinition } from '../../../registers/registerSchema.ts';
import { parseWith } from '../../guards.ts';

/*
 * The register form as posted, and the one way between it and the input saveEntry reads (entryValues.ts): a date
 * is typed as day, month and year (GOV.UK date input) and sent on as YYYY-MM-DD; a datetime adds a time; ticked
 * boxes (several values under one name) become one ';'-separated value. What was typed is kept as it was, so a
 * page with problems shows every value again.
 */

const Cell = z.string().max(20_000);
/** Every posted name: a string, or several (ticked boxes). */
export const FormBody = z.record(z.string().max(200), z.union([Cell, z.array(Cell).max(200)]));
export type FormBody = z.infer<typeof FormBody>;

export const readFormBody = (body: unknown): FormBody => parseWith(FormBody, body ?? {});

export const one = (body: FormBody, name: string): string => {
  const v = body[name];
  return (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();
};
export const many = (body: FormBody, name: string): string[] => {
  const v = body[name];
  return (Array.isArray(v) ? v : v === undefined || v === '' ? [] : [v]).map((s) => s.trim()).filter(Boolean);
};

/** Day, month, year → YYYY-MM-DD; '' when all are empty; something readDate refuses when not a date. */
export function dateFromParts(day: string, month: string, year: string): string {
  if (day === '' && month === '' && year === '') return '';
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return 'not a date';
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/** "9:05" or "09.05" → "09:05"; the store refuses anything else. */
const timeOf = (text: string): string => {
  const m = /^(\d{1,2})[:.](\d{2})$/.exec(text);
  return m ? `${(m[1] ?? '').padStart(2, '0')}:${m[2]}` : text;
};

/** The input saveEntry reads, from the posted form; personal fields only when this reader may write them. */
export function rawOf(register: RegisterDefinition, body: FormBody, withPersonal: boolean): Raw {
  const raw: Record<string, string> = {};
  for (const f of register.fields) {
    if (f.personal && !withPersonal) continue;
    const dateOf = () =>
      dateFromParts(one(body, `${f.name}-day`), one(body, `${f.name}-month`), one(body, `${f.name}-year`));
    if (f.type === 'date') raw[f.name] = dateOf();
    else if (f.type === 'datetime') {
      const date = dateOf();
      const time = one(body, `${f.name}-time`);
      raw[f.name] = date === '' && time === '' ? '' : `${date} ${timeOf(time)}`;
    } else if (f.type === 'counts')
      for (const term of f.vocabulary ?? []) raw[`${f.name}.${term}`] = one(body, `${f.name}.${term}`);
    else if (f.type === 'choices' || f.type === 'wards') raw[f.name] = many(body, f.name).join(';');
    else raw[f.name] = one(body, f.name);
  }
  for (const name of ['latitude', 'longitude', 'lsoa', 'ward']) raw[name] = one(body, name);
  return raw;
}

/** A stored value as the form shows it, under the names the form posts. */
function putValue(body: FormBody, type: string, name: string, value: Value, vocabulary: readonly string[]): void {
  if (type === 'date' || type === 'datetime') {
    const text = String(value);
    body[`${name}-year`] = text.slice(0, 4);
    body[`${name}-month`] = String(Number(text.slice(5, 7)));
    body[`${name}-day`] = String(Number(text.slice(8, 10)));
    if (type === 'datetime') body[`${name}-time`] = text.slice(11, 16);
  } else if (type === 'counts') {
    const counts = value as Record<string, number>;
    for (const term of vocabulary) body[`${name}.${term}`] = String(counts[term] ?? 0);
  } else if (type === 'boolean') body[name] = value === true ? 'yes' : 'no';
  else if (Array.isArray(value)) body[name] = type === 'reference' ? value.join('; ') : value;
  else body[name] = String(value);
}

/** The form filled with an entry as stored (for an edit or a draft continued). */
export function bodyOfEntry(register: RegisterDefinition, entry: EntryDetail): FormBody {
  const body: FormBody = {};
  for (const f of register.fields) {
    const value = f.personal ? entry.personal?.[f.name] : entry.data[f.name];
    if (value !== undefined) putValue(body, f.type, f.name, value, f.vocabulary ?? []);
  }
  // A point is what was entered; its LSOA and ward were worked out from it, so only an area entry shows them.
  if (entry.lat !== null && entry.lon !== null) {
    body.latitude = String(entry.lat);
    body.longitude = String(entry.lon);
  } else {
    if (entry.lsoaCode) body.lsoa = entry.lsoaCode;
    if (entry.wardCode) body.ward = entry.wardCode;
  }
  return body;
}
