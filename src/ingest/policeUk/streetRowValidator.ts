import { parseGssCode, parseMonth, parseUkPoint, type Parsed } from '../fields.ts';
import type { ProblemCollector } from '../problems.ts';
import { CrimeIdRegister } from './crimeIdRegister.ts';
import { memoisedField } from './memoisedField.ts';

/** One street-level crime as text, before validation; the CSV and the API JSON both fill it. */
export interface StreetValues {
  crimeId: string;
  month: string;
  reportedBy: string;
  fallsWithin: string;
  longitude: string;
  latitude: string;
  location: string;
  lsoaCode: string;
  lsoaName: string;
  crimeType: string;
  lastOutcome: string;
  context: string;
  /** API JSON only (null for CSV rows). */
  api: {
    id: string;
    locationType: string;
    locationSubtype: string;
    streetId: string | null;
    lastOutcomeMonth: string | null;
  } | null;
}

export type StreetField = Exclude<keyof StreetValues, 'api'> | 'lastOutcomeMonth';

/** How the source names each field in messages: the CSV header as written, or the JSON property path. */
export type StreetFieldNames = Readonly<Record<StreetField, string>>;

/** Where a record is, for messages: a CSV line, or the index of a JSON array element. */
export type RecordPlace = { line: number } | { element: number };

/** A crime that passed validation, with blanks made null where the column is not text. */
export interface ValidStreetRow {
  crimeId: string | null;
  /** 'YYYY-MM-01'. */
  month: string;
  reportedBy: string;
  fallsWithin: string;
  /** The published text of a validated coordinate; null when the crime has no location. */
  longitude: string | null;
  latitude: string | null;
  /** The coordinates as numbers (what the texts mean, as PostgreSQL reads them); null when the crime has no location. */
  lon: number | null;
  lat: number | null;
  lsoaCode: string | null;
  crimeType: string;
  lastOutcomeMonth: string | null;
}

/**
 * The checks every street-level crime passes, whichever file it came from:
 * a real month, a point in the UK (or none), an E01/W01 LSOA code (or blank),
 * a crime type, and a Crime ID not used in another month or by another force
 * in the same file (see crimeIdRegister.ts).
 * Pure: problems go to the collector, nothing is written.
 */
export class StreetRowValidator {
  private readonly crimeIds: CrimeIdRegister;
  private readonly month: (value: string) => Parsed<string>;
  private readonly lsoa: (value: string) => Parsed<string>;

  constructor(
    private readonly names: StreetFieldNames,
    private readonly problems: ProblemCollector,
    expectedRows: number,
  ) {
    this.crimeIds = new CrimeIdRegister(expectedRows);
    this.month = memoisedField((v) => parseMonth(names.month, v));
    this.lsoa = memoisedField((v) => parseGssCode(names.lsoaCode, v, ['E01', 'W01']));
  }

  /** The validated crime, or null when it has a problem (reported to the collector). */
  validate(place: RecordPlace, v: StreetValues): ValidStreetRow | null {
    const before = this.problems.total;
    const month = this.month(v.month);
    if (!month.ok) this.report(place, 'month', month.problem);
    const crimeType = v.crimeType.trim();
    if (crimeType === '') this.report(place, 'crimeType', { value: v.crimeType, message: 'the crime type is blank' });
    const point = parseUkPoint(this.names.latitude, v.latitude, this.names.longitude, v.longitude);
    if (!point.ok)
      this.report(place, point.problem.column === this.names.latitude ? 'latitude' : 'longitude', point.problem);
    const lsoaText = v.lsoaCode.trim();
    let lsoaCode: string | null = null;
    if (lsoaText !== '') {
      const lsoa = this.lsoa(lsoaText);
      if (lsoa.ok) lsoaCode = lsoa.value;
      else this.report(place, 'lsoaCode', lsoa.problem);
    }
    let lastOutcomeMonth: string | null = null;
    if (v.api?.lastOutcomeMonth) {
      const outcome = parseMonth(this.names.lastOutcomeMonth, v.api.lastOutcomeMonth);
      if (outcome.ok) lastOutcomeMonth = outcome.value;
      else this.report(place, 'lastOutcomeMonth', outcome.problem);
    }
    const crimeId = v.crimeId.trim();
    const fallsWithin = v.fallsWithin.trim();
    if (crimeId !== '' && month.ok) {
      const other = this.crimeIds.check(crimeId, `${month.value}|${fallsWithin}`);
      if (other !== null) this.report(place, 'crimeId', { value: crimeId, message: reusedIdMessage(other) });
    }
    if (this.problems.total > before || !month.ok) return null;
    const located = point.ok ? point.value : null;
    return {
      crimeId: crimeId === '' ? null : crimeId,
      month: month.value,
      reportedBy: v.reportedBy.trim(),
      fallsWithin,
      longitude: located ? v.longitude.trim() : null,
      latitude: located ? v.latitude.trim() : null,
      lon: located ? located.lon : null,
      lat: located ? located.lat : null,
      lsoaCode,
      crimeType,
      lastOutcomeMonth,
    };
  }

  /** The month parser's verdict on a Month cell (memoised: a file has a few hundred months). */
  monthOf(text: string): Parsed<string> {
    return this.month(text);
  }

  /**
   * The Crime ID check for a row read as bytes (StreetByteRows), the ID being
   * the ASCII bytes src[start, end) and `incident` the register's number for its "month|force" (incident()):
   * false, with the problem reported, when the ID was used for another crime.
   */
  crimeIdBytesOk(line: number, src: Uint8Array, start: number, end: number, incident: number): boolean {
    const other = this.crimeIds.checkBytes(src, start, end, incident);
    if (other === null) return true;
    const value = Buffer.from(src.subarray(start, end)).toString('latin1');
    this.report({ line }, 'crimeId', { value, message: reusedIdMessage(other) });
    return false;
  }

  /** The register's number for an incident ("month|force"), for crimeIdBytesOk. */
  incident(month: string, force: string): number {
    return this.crimeIds.incident(`${month}|${force}`);
  }

  private report(place: RecordPlace, field: StreetField, p: { value: string | null; message: string }): void {
    const column = 'line' in place ? this.names[field] : `[${place.element}].${this.names[field]}`;
    this.problems.add({ line: 'line' in place ? place.line : null, column, value: p.value, message: p.message });
  }
}

/** Names the other crime by its month and force (the register keeps no line numbers: see crimeIdRegister.ts). */
function reusedIdMessage(otherIncident: string): string {
  const [month = '', force = ''] = otherIncident.split('|');
  return `the Crime ID is also used earlier in the file for a crime in another month or force (${month.slice(0, 7)}, ${force})`;
}
