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
  if (iso) return realDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const uk = UK_DATE.exec(text);
  return uk ? realDate(Number(uk[3]), Number(uk[2]), Number(uk[1])) : null;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/**
 * The date written out, or null when there is no such day. Years before 100 are refused, as JavaScript's Date (which
 * this replaced: it ran for every date of every imported row) read them as 19xx. Counted here, not with a Date.
 */
function realDate(y: number, m: number, d: number): string | null {
  if (y < 100 || m < 1 || m > 12 || d < 1) return null;
  if (d > (m === 2 && leap(y) ? 29 : (DAYS_IN_MONTH[m - 1] as number))) return null;
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

const splitList = (text: string): string[] =>
  text
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '');

function termOf(field: RegisterField, text: string): string | undefined {
  return field.vocabulary?.find((t) => t.toLowerCase() === text.trim().toLowerCase());
}

function readInteger(
  label: string,
  min: number | undefined,
  max: number | undefined,
  text: string,
  name: string,
  problems: ValueProblem[],
): number | undefined {
  if (!WHOLE_NUMBER.test(text)) {
    problems.push({ field: name, message: `${label}: enter a whole number` });
    return undefined;
  }
  const n = Number(text);
  if ((min !== undefined && n < min) || (max !== undefined && n > max)) {
    problems.push({ field: name, message: `${label}: enter a number from ${min ?? 'any'} to ${max ?? 'any'}` });
    return undefined;
  }
  return n;
}

const WHOLE_NUMBER = /^-?\d+$/;

/** A counts field's input names (`items.knife`, …), made once per field rather than once per row. */
const termNames = new WeakMap<RegisterField, readonly string[]>();
function termNamesOf(field: RegisterField): readonly string[] {
  let names = termNames.get(field);
  if (names === undefined) termNames.set(field, (names = (field.vocabulary ?? []).map((t) => `${field.name}.${t}`)));
  return names;
}

function readCounts(field: RegisterField, raw: Raw, problems: ValueProblem[]): Record<string, number> {
  const counts: Record<string, number> = {};
  const terms = field.vocabulary ?? [];
  const names = termNamesOf(field);
  for (let i = 0; i < terms.length; i += 1) {
    const name = names[i] as string;
    const cell = (raw[name] ?? '').trim();
    const n = cell === '' ? 0 : readInteger(field.label, 0, 100000, cell, name, problems);
    if (n !== undefined) counts[terms[i] as string] = n;
  }
  return counts;
}

/** Adds the field's problem and gives no value. */
function refuse(field: RegisterField, message: string, problems: ValueProblem[]): undefined {
  problems.push({ field: field.name, message: `${field.label}: ${message}` });
  return undefined;
}

const notOneOf = (field: RegisterField, text: string) =>
  `"${text}" is not one of: ${(field.vocabulary ?? []).join(', ')}`;

/** One field's value from its raw text; undefined when empty or wrong (a problem is added when wrong). */
function readField(field: RegisterField, raw: Raw, today: string, problems: ValueProblem[]): Value | undefined {
  if (field.type === 'counts') return readCounts(field, raw, problems);
  const text = (raw[field.name] ?? '').trim();
  if (text === '') return field.required ? refuse(field, 'enter a value', problems) : undefined;
  if (field.maxLength !== undefined && text.length > field.maxLength)
    return refuse(field, `write no more than ${field.maxLength} characters`, problems);
  switch (field.type) {
    case 'text':
    case 'longtext':
      return text;
    case 'url':
      return /^https?:\/\/[^\s]+$/i.test(text)
        ? text
        : refuse(field, 'enter a web address starting https://', problems);
    case 'date': {
      const date = readDate(text);
      if (date === null) return refuse(field, 'enter a real date, for example 2026-03-27', problems);
      if (field.notFuture && date > today) return refuse(field, 'the date must be today or in the past', problems);
      return date;
    }
    case 'datetime': {
      const m = DATETIME.exec(text);
      const date = m?.[1] === undefined ? null : readDate(m[1]);
      if (m === null || date === null || Number(m[2]) > 23 || Number(m[3]) > 59)
        return refuse(field, 'enter a date and time, for example 2026-03-27 21:40', problems);
      if (field.notFuture && date > today) return refuse(field, 'the date must be today or in the past', problems);
      return `${date}T${m[2]}:${m[3]}`;
    }
    case 'integer':
      return readInteger(field.label, field.min, field.max, text, field.name, problems);
    case 'boolean':
      if (/^(yes|true|y|1)$/i.test(text)) return true;
      if (/^(no|false|n|0)$/i.test(text)) return false;
      return refuse(field, 'enter yes or no', problems);
    case 'choice':
      return termOf(field, text) ?? refuse(field, notOneOf(field, text), problems);
    case 'choices': {
      const terms = splitList(text).map((t) => [t, termOf(field, t)] as const);
      const unknown = terms.find(([, term]) => term === undefined);
      if (unknown) return refuse(field, notOneOf(field, unknown[0]), problems);
      return [...new Set(terms.map(([, term]) => term as string))];
    }
    case 'reference':
    case 'wards': {
      const list = splitList(text).map((s) => s.toUpperCase());
      if (list.length > 1 && field.type === 'reference' && !field.multiple)
        return refuse(field, 'enter one reference', problems);
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

const fieldNames = new WeakMap<RegisterDefinition, ReadonlySet<string>>();

/**
 * Two entries with the same key are the same thing recorded twice. A key names a field; `place` names the entry's
 * position only in a register with no field of that name (locations of concern have a text field `place`).
 */
export function duplicateKeyOf(register: RegisterDefinition, data: Record<string, Value>, place: PlaceInput): string {
  let fields = fieldNames.get(register);
  if (fields === undefined) fieldNames.set(register, (fields = new Set(register.fields.map((f) => f.name))));
  return register.duplicateKey
    .map((k) => {
      const v = k === 'place' && !fields.has(k) ? [place.lat, place.lon, place.lsoa, place.ward].join(',') : data[k];
      return typeof v === 'string' ? v.trim().toLowerCase() : JSON.stringify(v ?? null);
    })
    .join('|');
}
