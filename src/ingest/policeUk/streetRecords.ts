import type { CopyValue } from '../../db/copy.ts';
import type { LoadContext } from '../layout.ts';
import { CategoryCatalogue } from '../shared/categoryCatalogue.ts';
import { SliceWriter } from '../sliceWriter.ts';
import { legacyLsoaBatches, StreetSliceAreas } from './streetSliceArea.ts';
import { StreetRowValidator, type RecordPlace, type StreetFieldNames, type StreetValues } from './streetRowValidator.ts';

export const POLICE_UK_CLASSIFICATION = 'police_uk';

const CSV_COLUMNS = [
  'crime_id', 'month', 'reported_by', 'falls_within', 'longitude', 'latitude', 'location', 'lsoa_code', 'lsoa_name',
  'category_id', 'last_outcome_category', 'context',
] as const;
const API_COLUMNS = [...CSV_COLUMNS, 'api_id', 'location_type', 'location_subtype', 'street_id', 'last_outcome_month'] as const;

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
  private readonly withApi: boolean;
  private readonly sliceAreas = new StreetSliceAreas();
  private readonly months = new Set<string>();

  constructor(
    private readonly ctx: LoadContext,
    names: StreetFieldNames,
    options: { api: boolean; expectedRows: number },
  ) {
    this.withApi = options.api;
    this.writer = new SliceWriter(ctx, 'police_uk_street', options.api ? API_COLUMNS : CSV_COLUMNS, { slicesAtEnd: true });
    this.validator = new StreetRowValidator(names, ctx.problems, options.expectedRows);
    this.catalogue = new CategoryCatalogue(ctx.trx);
  }

  /** Validates one crime; problems are collected (and writing stops) rather than thrown. */
  async add(place: RecordPlace, v: StreetValues): Promise<void> {
    const r = this.validator.validate(place, v);
    if (r === null || this.ctx.problems.any) return;
    const categoryId = this.categoryIds.get(r.crimeType) ?? (await this.categoryFor(r.crimeType));
    const row: CopyValue[] = [
      r.crimeId, r.month, r.reportedBy, r.fallsWithin, r.longitude, r.latitude, v.location, r.lsoaCode, v.lsoaName,
      categoryId, v.lastOutcome, v.context,
    ];
    // The row's content with the crime type by name, so that an identical slice from another download is recognised.
    let identity = `${r.crimeId ?? ''}${SEP}${r.month}${SEP}${r.reportedBy}${SEP}${r.fallsWithin}${SEP}${r.longitude ?? ''}${SEP}${r.latitude ?? ''}${SEP}${v.location}${SEP}${r.lsoaCode ?? ''}${SEP}${v.lsoaName}${SEP}${r.crimeType}${SEP}${v.lastOutcome}${SEP}${v.context}`;
    if (this.withApi) {
      const api = v.api;
      row.push(api?.id ?? null, api?.locationType ?? null, api?.locationSubtype ?? null, api?.streetId ?? null, r.lastOutcomeMonth);
      identity += `${SEP}${row.slice(12).join(SEP)}`;
    }
    // API crimes have no LSOA: their police.uk map point (street id) bounds the slice instead, so two API
    // queries of neighbouring areas never replace each other's crimes and a re-query revises only what it covers.
    const areaCode = r.lsoaCode !== null ? this.sliceAreas.areaOf(r.lsoaCode, v.lsoaName) : v.api?.streetId ? `street:${v.api.streetId}` : '';
    this.months.add(r.month);
    await this.writer.add({ areaCode, month: r.month, scope: `${r.fallsWithin}|${r.crimeType}` }, identity, row);
  }

  async finish(): Promise<void> {
    if (this.ctx.problems.any) return;
    const legacy = await legacyLsoaBatches(this.ctx.trx, this.ctx.series, [...this.sliceAreas.lsoasKeyedByBorough], [...this.months]);
    if (legacy.length > 0) {
      this.ctx.problems.add({
        line: null, column: null, value: null,
        message: `this database holds police.uk street records for the same months imported before records were grouped by borough (batch ${legacy.join(', ')}); undo those imports and import their files again, so that no crime is counted twice`,
      });
      return;
    }
    await this.writer.finish();
  }

  private async categoryFor(crimeType: string): Promise<number> {
    const id = await this.catalogue.idFor(POLICE_UK_CLASSIFICATION, crimeType, '');
    this.categoryIds.set(crimeType, id);
    return id;
  }
}
