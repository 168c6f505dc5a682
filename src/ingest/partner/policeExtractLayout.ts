import { hasColumns, type Layout, type LoadContext } from '../layout.ts';
import { CategoryCatalogue } from '../shared/categoryCatalogue.ts';
import { SliceWriter } from '../sliceWriter.ts';
import { DataLabelCheck } from './dataLabel.ts';
import { HO_ALIGNED, HO_ALIGNED_CATEGORIES } from './hoAlignedCategories.ts';
import {
  ETHNICITIES,
  HATE_STRANDS,
  OUTCOME_CODES,
  POLICE_COLUMNS,
  POLICE_LOCATION_TYPES,
  SEXES,
} from './partnerVocabulary.ts';
import { columnIndex, DuplicateIds, RecordFields } from './recordFields.ts';

/** The columns after slice_id, in the order rows are built below. */
const TABLE_COLUMNS = [
  'record_id',
  'crime_ref',
  'data_label',
  'offence_date',
  'offence_time',
  'committed_from',
  'committed_to',
  'recorded_date',
  'borough_code',
  'ward_code',
  'lsoa_code',
  'category_id',
  'domestic_abuse',
  'knife',
  'firearm',
  'hate_strand',
  'sexual',
  'victim_id',
  'victim_age',
  'victim_sex',
  'victim_ethnicity',
  'suspect_id',
  'suspect_age',
  'suspect_sex',
  'suspect_ethnicity',
  'location_type',
  'outcome',
  'outcome_date',
] as const;

const SIGNATURE = [
  'record_id',
  'crime_ref',
  'ward_code',
  'ho_major_category',
  'ho_minor_category',
  'victim_id',
  'suspect_id',
];

/** Police record-level partner extract: docs/formats/partner-police-extract.md. */
export const policeExtractLayout: Layout = {
  id: 'partner-police-extract',
  description: 'partner police extract, one row per offence and victim (personal data)',
  signature: SIGNATURE,
  detect: (file) => hasColumns(file, SIGNATURE),
  plan: () => ({
    series: 'partner-police',
    classification: 'personal',
    owningAgency: 'police',
  }),
  load: loadPoliceExtract,
};

async function loadPoliceExtract(ctx: LoadContext): Promise<void> {
  const index = columnIndex(ctx.file, POLICE_COLUMNS, 'partner-police-extract');
  const catalogue = new CategoryCatalogue(ctx.trx);
  const writer = new SliceWriter(ctx, 'partner_police_record', TABLE_COLUMNS);
  const ids = new DuplicateIds();
  const labels = new DataLabelCheck();
  for await (const { line, cells } of ctx.dataRecords()) {
    ctx.stats.rowsRead += 1;
    const f = new RecordFields(ctx, index, line, cells);
    const row = readPoliceRow(f, labels);
    ids.check(f, 'record_id', row.record_id);
    // Every reader reports a problem when it returns null for a required field, so
    // with no problems so far the required fields are all present.
    if (ctx.problems.any) continue;
    const categoryId = await catalogue.idFor(HO_ALIGNED, row.major!, row.minor!);
    const values = [
      row.record_id,
      row.crime_ref,
      row.data_label,
      row.offence_date,
      row.offence_time,
      row.committed_from,
      row.committed_to,
      row.recorded_date,
      row.borough_code,
      row.ward_code,
      row.lsoa_code,
      categoryId,
      row.domestic_abuse,
      row.knife,
      row.firearm,
      row.hate_strand,
      row.sexual,
      row.victim_id,
      row.victim_age,
      row.victim_sex,
      row.victim_ethnicity,
      row.suspect_id,
      row.suspect_age,
      row.suspect_sex,
      row.suspect_ethnicity,
      row.location_type,
      row.outcome,
      row.outcome_date,
    ];
    await writer.add(
      { areaCode: row.ward_code!, month: `${row.offence_date!.slice(0, 7)}-01`, scope: '' },
      values.map((v) => v ?? '').join('|'),
      values,
    );
  }
  if (ctx.problems.any) return;
  await labels.recordOnBatch(ctx);
  await writer.finish();
}

function readPoliceRow(f: RecordFields, labels: DataLabelCheck) {
  const bad = (column: string, value: string, message: string) => f.problem(column, value, message);
  const offence_date = f.date('offence_date', true);
  const offence_time = f.time('offence_time', false);
  const committed_from = f.dateTime('committed_from', true, '00:00');
  const committedToRaw = f.dateTime('committed_to', false, '23:59');
  const committed_to = f.raw('committed_to') === '' ? committed_from : committedToRaw;
  if (committed_from && committed_to && committed_to < committed_from)
    bad('committed_to', f.raw('committed_to'), 'ends before committed_from');
  if (offence_date && committed_from && committed_to) {
    const at = `${offence_date} ${offence_time ?? '00:00'}`;
    const dateOnly = offence_time === null;
    if (
      (dateOnly ? offence_date < committed_from.slice(0, 10) : at < committed_from) ||
      (dateOnly ? offence_date > committed_to.slice(0, 10) : at > committed_to)
    ) {
      bad(
        'offence_date',
        offence_date,
        `the offence date and time fall outside committed_from..committed_to (${committed_from} to ${committed_to})`,
      );
    }
  }
  const recorded_date = f.date('recorded_date', true);
  if (recorded_date && committed_from && recorded_date < committed_from.slice(0, 10))
    bad('recorded_date', recorded_date, 'recorded before the offence was committed');

  const majorRaw = f.raw('ho_major_category');
  const minorRaw = f.raw('ho_minor_category');
  const major = Object.keys(HO_ALIGNED_CATEGORIES).find((m) => m === majorRaw.toUpperCase()) ?? null;
  let minor: string | null = null;
  if (!major)
    bad(
      'ho_major_category',
      majorRaw,
      'not a Home Office aligned major category the MPS publishes (e.g. VIOLENCE AGAINST THE PERSON)',
    );
  else {
    minor = HO_ALIGNED_CATEGORIES[major]!.find((m) => m === minorRaw.toUpperCase()) ?? null;
    if (!minor)
      bad(
        'ho_minor_category',
        minorRaw,
        `not a minor category of ${major}; expected one of ${HO_ALIGNED_CATEGORIES[major]!.join(', ')}`,
      );
  }

  const hate = f.flag('hate');
  const strand = f.choice('hate_strand', HATE_STRANDS, false);
  if (hate === true && strand === null && f.raw('hate_strand') === '')
    bad('hate_strand', '', 'a hate crime needs its strand');
  if (hate === false && f.raw('hate_strand') !== '')
    bad('hate_strand', f.raw('hate_strand'), 'a strand is given but hate is N');

  const victim = readPerson(f, 'victim', bad);
  const suspect = readPerson(f, 'suspect', bad);

  const outcome = f.choice('outcome', OUTCOME_CODES, true);
  const outcome_date = f.date('outcome_date', false);
  if (outcome && outcome !== 'under_investigation' && f.raw('outcome_date') === '')
    bad('outcome_date', '', `outcome ${outcome} needs its date`);
  if (outcome === 'under_investigation' && f.raw('outcome_date') !== '')
    bad('outcome_date', f.raw('outcome_date'), 'an offence still under investigation has no outcome date');
  if (outcome_date && offence_date && outcome_date < offence_date)
    bad('outcome_date', outcome_date, 'the outcome is dated before the offence');

  return {
    record_id: f.text('record_id', { required: true, max: 64 }),
    crime_ref: f.text('crime_ref', { required: true, max: 64 }),
    data_label: labels.read(f),
    offence_date,
    offence_time,
    committed_from,
    committed_to,
    recorded_date,
    borough_code: f.gss('borough_code', 'E09', true),
    ward_code: f.gss('ward_code', 'E05', true),
    lsoa_code: f.gss('lsoa_code', 'E01', false),
    major,
    minor,
    domestic_abuse: f.flag('domestic_abuse'),
    knife: f.flag('knife'),
    firearm: f.flag('firearm'),
    hate_strand: hate ? strand : null,
    sexual: f.flag('sexual'),
    ...victim,
    ...suspect,
    location_type: f.choice('location_type', POLICE_LOCATION_TYPES, true),
    outcome,
    outcome_date,
  };
}

/** A victim's or suspect's id, age, sex and ethnicity: all blank (none) or id, sex and ethnicity given. */
function readPerson<P extends 'victim' | 'suspect'>(
  f: RecordFields,
  who: P,
  bad: (c: string, v: string, m: string) => null,
) {
  const id = f.text(`${who}_id`, { required: false, max: 64 });
  const age = f.age(`${who}_age`);
  const sex = f.choice(`${who}_sex`, SEXES, false);
  const ethnicity = f.choice(`${who}_ethnicity`, ETHNICITIES, false);
  if (id === null && f.raw(`${who}_id`) === '') {
    for (const c of ['age', 'sex', 'ethnicity']) {
      const v = f.raw(`${who}_${c}`);
      if (v !== '') bad(`${who}_${c}`, v, `given without a ${who}_id`);
    }
  } else if (id !== null) {
    if (f.raw(`${who}_sex`) === '') bad(`${who}_sex`, '', `required when ${who}_id is given (use unknown)`);
    if (f.raw(`${who}_ethnicity`) === '')
      bad(`${who}_ethnicity`, '', `required when ${who}_id is given (use not_stated)`);
  }
  return { [`${who}_id`]: id, [`${who}_age`]: age, [`${who}_sex`]: sex, [`${who}_ethnicity`]: ethnicity } as Record<
    `${P}_id` | `${P}_sex` | `${P}_ethnicity`,
    string | null
  > &
    Record<`${P}_age`, number | null>;
}
