import { sql } from 'kysely';
import type { CopyValue } from '../../db/copy.ts';
import { FNV_OFFSET, hashField, type BinaryCopyRows } from '../binaryCopyRows.ts';
import type { LoadContext } from '../layout.ts';
import { CategoryCatalogue } from '../shared/categoryCatalogue.ts';
import { DONE, SliceWriter, type SliceKey } from '../sliceWriter.ts';
import type { ByteCsvCursor } from '../byteCsv.ts';
import { POINT_COUNT_COLUMNS, StreetPointCounts } from './streetPointCounts.ts';
import { StreetByteRows, type StreetColumnIndex, type StreetRowSink } from './streetByteRows.ts';
import { StreetLabels } from './streetLabels.ts';
import { refuseLegacyLsoaSlices, PoliceUkSliceAreas } from './policeUkSliceArea.ts';
import {
  StreetRowValidator,
  type RecordPlace,
  type StreetFieldNames,
  type StreetValues,
  type ValidStreetRow,
} from './streetRowValidator.ts';

export const POLICE_UK_CLASSIFICATION = 'police_uk';

const CSV_COLUMNS = [
  'crime_id',
  'month',
  'reported_by_id',
  'falls_within_id',
  'longitude',
  'latitude',
  'location',
  'lsoa_code',
  'lsoa_name',
  'category_id',
  'last_outcome_id',
  'context',
] as const;
const API_COLUMNS = [
  ...CSV_COLUMNS,
  'api_id',
  'location_type',
  'location_subtype',
  'street_id',
  'last_outcome_month',
] as const;

const SEP = '\u001f';

/**
 * Validates street-level crimes and writes them to police_uk_street in
 * revision slices keyed London borough (or, outside London, LSOA) × month ×
 * "force|crime type" (docs/decisions/0004): a burglary-only or one-borough
 * extract revises only its own slices, and two forces' rows in a border
 * borough never replace each other. Each row keeps its LSOA.
 */
export class StreetRecordWriter {
  private readonly writer: SliceWriter;
  private readonly validator: StreetRowValidator;
  private readonly catalogue: CategoryCatalogue;
  private readonly categoryIds = new Map<string, number>();
  private readonly labels: StreetLabels;
  private readonly withApi: boolean;
  private readonly sliceAreas = new PoliceUkSliceAreas();
  private readonly months = new Set<string>();
  private lastMonth = '';
  /** "force|crime type" by force, then crime type: one scope string per pair, not one per row. */
  private readonly scopes = new Map<string, Map<string, string>>();

  constructor(
    private readonly ctx: LoadContext,
    names: StreetFieldNames,
    options: { api: boolean; expectedRows: number },
  ) {
    this.withApi = options.api;
    // CSV rows (the big files) go in binary COPY format; API JSON crimes, a few thousand a file, as CSV rows.
    this.writer = new SliceWriter(ctx, 'police_uk_street', options.api ? API_COLUMNS : CSV_COLUMNS, {
      binary: !options.api,
      derivedTables: options.api ? [] : ['agg_police_uk_street'],
    });
    // CSV files count their own aggregate as they are read (streetPointCounts.ts); API files, small, leave it to the import's refreshAggregates.
    if (!options.api) {
      this.points = new StreetPointCounts();
      ctx.aggregatesWritten.add('agg_police_uk_street');
    }
    this.validator = new StreetRowValidator(names, ctx.problems, options.expectedRows);
    this.catalogue = new CategoryCatalogue(ctx.trx);
    this.labels = new StreetLabels(ctx.trx);
  }

  /**
   * A row read as bytes (ByteCsvCursor, fast records only): written without
   * strings when it is the common case, else null and the caller passes it
   * to add() as strings. `index`: the file's column positions.
   */
  addBytes(cursor: ByteCsvCursor, index: StreetColumnIndex): Promise<void> | null {
    this.byteRows ??= new StreetByteRows(this.byteSink(), this.validator, index);
    return this.byteRows.add(cursor);
  }

  private byteRows: StreetByteRows | null = null;
  private points: StreetPointCounts | null = null;

  /** Ends a binary row (either path): its slice fingerprint, and its count in agg_police_uk_street. */
  private rowDone(
    slice: number,
    hash: number,
    categoryId: number,
    pointLsoa: number,
    lon: number,
    lat: number,
  ): Promise<void> {
    const written = this.writer.rowWritten(slice, hash);
    if (!this.points!.add(slice, categoryId, pointLsoa, lon, lat)) return written;
    return written === DONE ? this.drainPoints() : written.then(() => this.drainPoints());
  }

  private async drainPoints(): Promise<void> {
    const data = this.points!.drain((slice) => this.writer.idOf(slice));
    if (data !== null) await this.writer.sendBinary('agg_police_uk_street', POINT_COUNT_COLUMNS, data);
  }

  private byteSink(): StreetRowSink {
    return {
      sliceOf: (key) => this.writer.sliceOf(key),
      categoryIdOf: (crimeType) => this.categoryIds.get(crimeType),
      labelIdOf: (text) => this.labels.idOf(text),
      areaOf: (code, name) => this.sliceAreas.areaOf(code, name),
      scopeOf: (fallsWithin, crimeType) => this.scopeFor(fallsWithin, crimeType),
      noteMonth: (month) => this.months.add(month),
      writing: () => !this.ctx.problems.any,
      pointLsoaOf: (code) => this.points!.lsoaId(code),
      binaryRow: (slice) => this.writer.binaryRow(slice),
      rowWritten: (slice, hash, categoryId, pointLsoa, lon, lat) =>
        this.rowDone(slice, hash, categoryId, pointLsoa, lon, lat),
    };
  }

  /** Validates one crime; problems are collected (and writing stops) rather than thrown. */
  add(place: RecordPlace, v: StreetValues): Promise<void> {
    const r = this.validator.validate(place, v);
    if (r === null || this.ctx.problems.any) return DONE;
    if (this.withApi) return this.addApiRow(r, v);
    if (r.month !== this.lastMonth) {
      this.months.add(r.month);
      this.lastMonth = r.month;
    }
    const key: SliceKey = {
      areaCode: r.lsoaCode !== null ? this.sliceAreas.areaOf(r.lsoaCode, v.lsoaName) : '',
      month: r.month,
      scope: this.scopeOf(r),
    };
    const categoryId = this.categoryIds.get(r.crimeType);
    const slice = this.writer.sliceOf(key);
    const labels = this.labels;
    const reportedBy = labels.idOf(r.reportedBy);
    const fallsWithin = labels.idOf(r.fallsWithin);
    const outcome = labels.idOf(v.lastOutcome);
    // Not an async function: the common row costs no promise and no await.
    if (
      categoryId === undefined ||
      slice === undefined ||
      reportedBy === undefined ||
      fallsWithin === undefined ||
      outcome === undefined
    ) {
      return this.addSlowly(r, v, key);
    }
    return this.writeRow(slice, categoryId, { reportedBy, fallsWithin, outcome }, r, v);
  }

  private async addSlowly(r: ValidStreetRow, v: StreetValues, key: SliceKey): Promise<void> {
    const categoryId = this.categoryIds.get(r.crimeType) ?? (await this.categoryFor(r.crimeType));
    const ids = {
      reportedBy: await this.labels.idFor(r.reportedBy),
      fallsWithin: await this.labels.idFor(r.fallsWithin),
      outcome: await this.labels.idFor(v.lastOutcome),
    };
    await this.writeRow(await this.writer.openSlice(key), categoryId, ids, r, v);
  }

  /**
   * One crime as a binary COPY row, hashing as it goes the same identity the
   * CSV rows below are hashed by (the crime type by name, so that an identical
   * slice from another download is recognised whatever its category ids).
   */
  private writeRow(
    slice: number,
    categoryId: number,
    ids: LabelIds,
    r: ValidStreetRow,
    v: StreetValues,
  ): Promise<void> {
    const out = this.writer.binaryRow(slice);
    let h = nullableText(out, r.crimeId, FNV_OFFSET, true);
    out.date(r.month);
    h = hashField(h, r.month);
    out.int4(ids.reportedBy);
    h = hashField(h, r.reportedBy);
    out.int4(ids.fallsWithin);
    h = hashField(h, r.fallsWithin);
    h = coordinate(out, r.longitude, r.lon, h);
    h = coordinate(out, r.latitude, r.lat, h);
    h = out.textHashed(v.location, h);
    h = nullableText(out, r.lsoaCode, h, false);
    h = out.textHashed(v.lsoaName, h);
    out.int4(categoryId);
    h = hashField(h, r.crimeType);
    out.int4(ids.outcome);
    h = hashField(h, v.lastOutcome);
    h = out.textHashed(v.context, h);
    return this.rowDone(slice, h >>> 0, categoryId, this.points!.lsoaId(r.lsoaCode), r.lon ?? NaN, r.lat ?? NaN);
  }

  private scopeOf(r: ValidStreetRow): string {
    return this.scopeFor(r.fallsWithin, r.crimeType);
  }

  private scopeFor(fallsWithin: string, crimeType: string): string {
    let byType = this.scopes.get(fallsWithin);
    if (byType === undefined) this.scopes.set(fallsWithin, (byType = new Map()));
    let scope = byType.get(crimeType);
    if (scope === undefined) byType.set(crimeType, (scope = `${fallsWithin}|${crimeType}`));
    return scope;
  }

  /** API JSON crimes: rows as values, COPYed as CSV. */
  private async addApiRow(r: ValidStreetRow, v: StreetValues): Promise<void> {
    const categoryId = this.categoryIds.get(r.crimeType) ?? (await this.categoryFor(r.crimeType));
    const row: CopyValue[] = [
      r.crimeId,
      r.month,
      await this.labels.idFor(r.reportedBy),
      await this.labels.idFor(r.fallsWithin),
      r.longitude,
      r.latitude,
      v.location,
      r.lsoaCode,
      v.lsoaName,
      categoryId,
      await this.labels.idFor(v.lastOutcome),
      v.context,
    ];
    // The row's content with the crime type by name, so that an identical slice from another download is recognised.
    const api = v.api;
    row.push(
      api?.id ?? null,
      api?.locationType ?? null,
      api?.locationSubtype ?? null,
      api?.streetId ?? null,
      r.lastOutcomeMonth,
    );
    const identity = `${r.crimeId ?? ''}${SEP}${r.month}${SEP}${r.reportedBy}${SEP}${r.fallsWithin}${SEP}${r.longitude ?? ''}${SEP}${r.latitude ?? ''}${SEP}${v.location}${SEP}${r.lsoaCode ?? ''}${SEP}${v.lsoaName}${SEP}${r.crimeType}${SEP}${v.lastOutcome}${SEP}${v.context}${SEP}${row.slice(12).join(SEP)}`;
    // API crimes have no LSOA: their police.uk map point (street id) bounds the slice instead, so two API
    // queries of neighbouring areas never replace each other's crimes and a re-query revises only what it covers.
    const areaCode =
      r.lsoaCode !== null
        ? this.sliceAreas.areaOf(r.lsoaCode, v.lsoaName)
        : v.api?.streetId
          ? `street:${v.api.streetId}`
          : '';
    this.months.add(r.month);
    await this.writer.add({ areaCode, month: r.month, scope: `${r.fallsWithin}|${r.crimeType}` }, identity, row);
  }

  async finish(): Promise<void> {
    if (this.ctx.problems.any) return;
    if (await refuseLegacyLsoaSlices(this.ctx, this.sliceAreas, this.months, 'street records')) return;
    if (this.points !== null) await this.drainPoints();
    await this.writer.finish();
    // The BRIN index (migration 0012) leaves the pages this file filled unsummarised, and so read by every
    // lookup, until summarised: here, while they are still in memory, rather than by a later vacuum.
    if (this.points !== null)
      await sql`SELECT brin_summarize_new_values('police_uk_street_slice'::regclass)`.execute(this.ctx.trx);
  }

  private async categoryFor(crimeType: string): Promise<number> {
    const id = await this.catalogue.idFor(POLICE_UK_CLASSIFICATION, crimeType, '');
    this.categoryIds.set(crimeType, id);
    return id;
  }
}

/** police_uk_label ids of a row's forces and outcome (migration 0013); the row's identity hashes their texts. */
interface LabelIds {
  reportedBy: number;
  fallsWithin: number;
  outcome: number;
}

/** A text column that may be NULL; its identity field is '' then. */
function nullableText(out: BinaryCopyRows, text: string | null, h: number, first: boolean): number {
  if (text !== null) return out.textHashed(text, h, first);
  out.nullField();
  return hashField(h, '', first);
}

/** A coordinate: stored as the number its published text means, identified by that text ('' when none). */
function coordinate(out: BinaryCopyRows, text: string | null, value: number | null, h: number): number {
  if (text === null || value === null) {
    out.nullField();
    return hashField(h, '');
  }
  out.float8(value);
  return hashField(h, text);
}
