import { hasColumns, type Layout, type LoadContext } from '../layout.ts';
import { SliceWriter } from '../sliceWriter.ts';
import { DataLabelCheck } from './dataLabel.ts';
import { AE_COLUMNS, AGE_BANDS, ASSAULT_LOCATION_TYPES, ASSAULT_METHODS, SEXES } from './partnerVocabulary.ts';
import { columnIndex, DuplicateIds, RecordFields } from './recordFields.ts';

const TABLE_COLUMNS = [
  'attendance_id',
  'data_label',
  'site_code',
  'arrival',
  'assault_date',
  'assault_time',
  'assault_method',
  'assault_method_other',
  'location_type',
  'location_description',
  'patient_age_band',
  'patient_sex',
] as const;

const SIGNATURE = ['attendance_id', 'site_code', 'arrival_date', 'assault_date', 'assault_method'];

/** An ODS site code: a letter then 2–5 letters or digits (R1H12, RQXM1 …). */
const ODS_SITE = /^[A-Z][A-Z0-9]{2,5}$/;

/** A&E assault attendances, ISTV minimum data set: docs/formats/ae-istv-extract.md. */
export const aeIstvExtractLayout: Layout = {
  id: 'ae-istv-extract',
  description: 'A&E assault attendances, ISTV minimum data set (personal data)',
  signature: SIGNATURE,
  detect: (file) => hasColumns(file, SIGNATURE),
  plan: () => ({
    series: 'partner-ae',
    classification: 'personal',
    owningAgency: 'health',
  }),
  load: loadAeExtract,
};

async function loadAeExtract(ctx: LoadContext): Promise<void> {
  const index = columnIndex(ctx.file, AE_COLUMNS, 'ae-istv-extract');
  const writer = new SliceWriter(ctx, 'partner_ae_attendance', TABLE_COLUMNS);
  const ids = new DuplicateIds();
  const labels = new DataLabelCheck();
  for await (const { line, cells } of ctx.dataRecords()) {
    ctx.stats.rowsRead += 1;
    const f = new RecordFields(ctx, index, line, cells);
    const attendanceId = f.text('attendance_id', { required: true, max: 64 });
    ids.check(f, 'attendance_id', attendanceId);
    const dataLabel = labels.read(f);
    const siteRaw = f.raw('site_code');
    const site =
      siteRaw === ''
        ? f.problem('site_code', '', 'the ODS site code is required')
        : ODS_SITE.test(siteRaw.toUpperCase())
          ? siteRaw.toUpperCase()
          : f.problem(
              'site_code',
              siteRaw,
              'not an ODS site code (a letter then 2 to 5 letters or digits, e.g. R1H12)',
            );
    const arrivalDate = f.date('arrival_date', true);
    const arrivalTime = f.time('arrival_time', true);
    const assaultDate = f.date('assault_date', true);
    const assaultTime = f.time('assault_time', false);
    if (arrivalDate && assaultDate && arrivalTime) {
      const arrival = `${arrivalDate} ${arrivalTime}`;
      if (assaultTime ? `${assaultDate} ${assaultTime}` > arrival : assaultDate > arrivalDate) {
        f.problem(
          'assault_date',
          `${assaultDate} ${assaultTime ?? ''}`.trim(),
          `the assault is after the arrival at A&E (${arrival})`,
        );
      }
    }
    const method = f.choice('assault_method', ASSAULT_METHODS, true);
    const methodOther = f.text('assault_method_other', { required: false, max: 200 });
    const location = f.choice('location_type', ASSAULT_LOCATION_TYPES, true);
    const description = f.text('location_description', { required: false, max: 200 });
    const ageBand = f.choice('patient_age_band', AGE_BANDS, true);
    const sex = f.choice('patient_sex', SEXES, true);
    // With no problems so far, every required field above is present.
    if (ctx.problems.any) continue;
    const values = [
      attendanceId,
      dataLabel,
      site,
      `${arrivalDate} ${arrivalTime}`,
      assaultDate,
      assaultTime,
      method,
      methodOther,
      location,
      description,
      ageBand,
      sex,
    ];
    await writer.add(
      { areaCode: site!, month: `${arrivalDate!.slice(0, 7)}-01`, scope: '' },
      values.map((v) => v ?? '').join('|'),
      values,
    );
  }
  if (ctx.problems.any) return;
  await labels.recordOnBatch(ctx);
  await writer.finish();
}
