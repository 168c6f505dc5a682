import type { RegisterDefinition, RegisterField } from './registerSchema.ts';

/*
 * Reads one entry's values as people type them (a form) or write them (a CSV/XLSX row) into typed values, pure and
 * field by field, so the form, the importer and the API give the same answer to the same input and every problem
 * names its field. Place (latitude, longitude, LSOA, ward) and references are checked against the database by the
 * store (entryStore.ts); here they are only read.
 *
 * Input names: a field's name; a counts field's terms as `name.term` (e.g. `items.knife`); choices, references and
 * wards as one value separated by ';'; the place as `latitude`, `longitude`, `lsoa`, `ward`.
 */

export type Raw = Readonly<Record<string, string | undefined>>;
export type Value = string | number | boolean | string[] | Record<string, number>;

export interface ValueProblem {
  /** The input name at fault: a field name, `items.knife`, `latitude`. */
  field: string;
  message: string;
}

export interface PlaceInput {
  lon: number | null;
  lat: number | null;
  lsoa: string | null;
  ward: string | null;
  wards: string[];
}

export interface EntryValues {
  data: Record<string, Value>;
  personal: Record<string, Value>;
  occurredOn: string | null;
  place: PlaceInput;
  /** Reference fields' values, to be checked against their registers. */
  references: { field: string; register: string; refs: string[] }[];
  problems: ValueProblem[];
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const UK_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const DATETIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::\d{2})?$/;

/** YYYY-MM-DD (or DD/MM/YYYY, as spreadsheets write it) → YYYY-MM-DD, or null when not a real date. */
export function readDate(text: string): string | null {
  const iso = ISO_DATE.exec(text);
  const uk = UK_DATE.exec(text);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : uk ? [uk[3], uk[2], uk[1]] : [];
  if (y === undefined || m === undefined || d === undefined) return null;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d))
    return null;
  return date.toISOString().slice(0, 10);
}

const splitList = (text: string): string[] =>
  text
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '');

function termOf(field: RegisterField, text: string): string | undefined {
  return field.vocabulary?.find((t) => t.toLowerCase() === text.trim().toLowerCase());
}

function readInteger(field: RegisterField, text: string, name: string, problems: ValueProblem[]): number | undefined {
  if (!/^-?\d+$/.test(text)) {
    problems.push({ field: name, message: `${field.label}: enter a whole number` });
    return undefined;
  }
  const n = Number(text);
  if ((field.min !== undefined && n < field.min) || (field.max !== undefined && n > field.max)) {
    const range = `${field.min ?? 'any'} to ${field.max ?? 'any'}`;
    problems.push({ field: name, message: `${field.label}: enter a number from ${range}` });
    return undefined;
  }
  return n;
}

/** One field's value from its raw text; undefined when empty or wrong (a problem is added when wrong). */
function readField(field: RegisterField, raw: Raw, today: string, problems: ValueProblem[]): Value | undefined {
  const text = (raw[field.name] ?? '').trim();
  const add = (message: string): undefined => {
    problems.push({ field: field.name, message: `${field.label}: ${message}` });
    return undefined;
  };
  if (field.type === 'counts') {
    const counts: Record<string, number> = {};
    for (const term of field.vocabulary ?? []) {
      const cell = (raw[`${field.name}.${term}`] ?? '').trim();
      const n =
        cell === '' ? 0 : readInteger({ ...field, min: 0, max: 100000 }, cell, `${field.name}.${term}`, problems);
      if (n !== undefined) counts[term] = n;
    }
    return counts;
  }
  if (text === '') return field.required ? add('enter a value') : undefined;
  if (field.maxLength !== undefined && text.length > field.maxLength)
    return add(`write no more than ${field.maxLength} characters`);
  switch (field.type) {
    case 'text':
    case 'longtext':
      return text;
    case 'url':
      return /^https?:\/\/[^\s]+$/i.test(text) ? text : add('enter a web address starting https://');
    case 'date': {
      const date = readDate(text);
      if (date === null) return add('enter a real date, for example 2026-03-27');
      if (field.notFuture && date > today) return add('the date must be today or in the past');
      return date;
    }
    case 'datetime': {
      const m = DATETIME.exec(text);
      const date = m?.[1] === undefined ? null : readDate(m[1]);
      if (m === null || date === null || Number(m[2]) > 23 || Number(m[3]) > 59)
        return add('enter a date and time, for example 2026-03-27 21:40');
      if (field.notFuture && date > today) return add('the date must be today or in the past');
      return `${date}T${m[2]}:${m[3]}`;
    }
    case 'integer':
      return readInteger(field, text, field.name, problems);
    case 'boolean':
      if (/^(yes|true|y|1)$/i.test(text)) return true;
      if (/^(no|false|n|0)$/i.test(text)) return false;
      return add('enter yes or no');
    case 'choice':
      return termOf(field, text) ?? add(`"${text}" is not one of: ${(field.vocabulary ?? []).join(', ')}`);
    case 'choices': {
      const terms = splitList(text).map((t) => [t, termOf(field, t)] as const);
      const unknown = terms.find(([, term]) => term === undefined);
      if (unknown) return add(`"${unknown[0]}" is not one of: ${(field.vocabulary ?? []).join(', ')}`);
      return [...new Set(terms.map(([, term]) => term as string))];
    }
    case 'reference':
    case 'wards': {
      const list = splitList(text).map((s) => s.toUpperCase());
      if (list.length > 1 && field.type === 'reference' && !field.multiple) return add('enter one reference');
      return list;
    }
  }
}

function readNumber(raw: Raw, name: string, low: number, high: number, problems: ValueProblem[]): number | null {
  const text = (raw[name] ?? '').trim();
  if (text === '') return null;
  const n = Number(text);
  if (!/^-?\d+(\.\d+)?$/.test(text) || n < low || n > high) {
    problems.push({ field: name, message: `${name}: enter a number from ${low} to ${high} in decimal degrees` });
    return null;
  }
  return n;
}

function readPlace(register: RegisterDefinition, raw: Raw, problems: ValueProblem[]): PlaceInput {
  const lat = readNumber(raw, 'latitude', -90, 90, problems);
  const lon = readNumber(raw, 'longitude', -180, 180, problems);
  const lsoa = (raw.lsoa ?? '').trim().toUpperCase() || null;
  const ward = (raw.ward ?? '').trim().toUpperCase() || null;
  const place: PlaceInput = { lon, lat, lsoa, ward, wards: [] };
  const g = register.geometry;
  if ((lat === null) !== (lon === null))
    problems.push({ field: lat === null ? 'latitude' : 'longitude', message: 'enter both latitude and longitude' });
  const hasPoint = lat !== null && lon !== null;
  if (g === 'point' && !hasPoint && !problems.some((p) => p.field === 'latitude' || p.field === 'longitude'))
    problems.push({ field: 'latitude', message: `enter where the ${register.entryName} is: latitude and longitude` });
  if (g === 'area' && lsoa === null && ward === null)
    problems.push({ field: 'ward', message: `enter the ward or LSOA of the ${register.entryName}` });
  if (g === 'point-or-area' && !hasPoint && lsoa === null && ward === null && problems.length === 0)
    problems.push({ field: 'latitude', message: `enter where: latitude and longitude, or a ward or LSOA` });
  return place;
}

/** Reads every field of one entry; `today` (YYYY-MM-DD) decides what is in the future. */
export function readEntryValues(register: RegisterDefinition, raw: Raw, today: string): EntryValues {
  const problems: ValueProblem[] = [];
  const data: Record<string, Value> = {};
  const personal: Record<string, Value> = {};
  const references: EntryValues['references'] = [];
  let wards: string[] = [];
  for (const field of register.fields) {
    const value = readField(field, raw, today, problems);
    if (value === undefined) continue;
    if (field.personal) personal[field.name] = value;
    else data[field.name] = value;
    if (field.type === 'reference' && Array.isArray(value) && value.length > 0)
      references.push({ field: field.name, register: field.register ?? '', refs: value });
    if (field.type === 'wards' && Array.isArray(value)) wards = value;
  }
  const place = readPlace(register, raw, problems);
  place.wards = wards;
  const occurred = data[register.dateField];
  const occurredOn = typeof occurred === 'string' ? occurred.slice(0, 10) : null;
  return { data, personal, occurredOn, place, references, problems };
}

/** The text the list's search looks in: every non-personal text, choice and reference value, lower case. */
export function searchTextOf(register: RegisterDefinition, data: Record<string, Value>, reference: string): string {
  const parts = [reference];
  for (const f of register.fields) {
    const v = data[f.name];
    if (typeof v === 'string') parts.push(v);
    else if (Array.isArray(v)) parts.push(...v);
  }
  return parts.join(' ').toLowerCase();
}

/**
 * Two entries with the same key are the same thing recorded twice. A key names a field; `place` names the entry's
 * position only in a register with no field of that name (locations of concern have a text field `place`).
 */
export function duplicateKeyOf(register: RegisterDefinition, data: Record<string, Value>, place: PlaceInput): string {
  const fields = new Set(register.fields.map((f) => f.name));
  return register.duplicateKey
    .map((k) => {
      const v = k === 'place' && !fields.has(k) ? [place.lat, place.lon, place.lsoa, place.ward].join(',') : data[k];
      return typeof v === 'string' ? v.trim().toLowerCase() : JSON.stringify(v ?? null);
    })
    .join('|');
}
