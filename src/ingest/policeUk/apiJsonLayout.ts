import { z } from 'zod';
import type { Layout, LoadContext } from '../layout.ts';
import { ImportRejectedError } from '../problems.ts';
import { readText } from '../textSource.ts';
import { apiCategorySlugs, crimeTypeForSlug } from './apiCategories.ts';
import { StreetRecordWriter } from './streetRecords.ts';
import type { StreetFieldNames, StreetValues } from './streetRowValidator.ts';

/** The API caps a street-level response at 10,000 crimes (~5 MB); far larger is not an API response. */
const MAX_JSON_CHARS = 256 * 1024 * 1024;

const coordinate = z.union([z.string(), z.number()]).transform(String);

/** One element of the police.uk API `crimes-street` response. */
const ApiCrime = z.object({
  category: z.string(),
  location_type: z.string().nullish(),
  location: z
    .object({
      latitude: coordinate,
      longitude: coordinate,
      street: z.object({ id: z.number().int().nullish(), name: z.string().nullish() }).nullish(),
    })
    .nullish(),
  context: z.string().nullish(),
  outcome_status: z.object({ category: z.string(), date: z.string().nullish() }).nullish(),
  persistent_id: z.string().nullish(),
  id: z.number().int(),
  location_subtype: z.string().nullish(),
  month: z.string(),
});

/** How messages name each field: the JSON property path inside an element. */
const NAMES: StreetFieldNames = {
  crimeId: 'persistent_id',
  month: 'month',
  reportedBy: 'location_type',
  fallsWithin: 'location_type',
  longitude: 'location.longitude',
  latitude: 'location.latitude',
  location: 'location.street.name',
  lsoaCode: 'lsoa',
  lsoaName: 'lsoa',
  crimeType: 'category',
  lastOutcome: 'outcome_status.category',
  context: 'context',
  lastOutcomeMonth: 'outcome_status.date',
};

/**
 * police.uk API street-level crimes (JSON array). Stored in police_uk_street
 * under series police-uk-api. The API gives no LSOA (slices are bounded by the
 * crime's map point, `street:<id>`) and no force: British Transport Police for location_type "BTP", else '' (the
 * force whose area was queried, which the response does not say).
 */
export const policeUkApiJsonLayout: Layout = {
  id: 'police-uk-api-json',
  description: 'police.uk API street-level crimes JSON ([{category, location, persistent_id, month, …}])',
  signature: [],
  detect: (file) =>
    file.header === null &&
    /^\s*\[\s*\{/.test(file.headText) &&
    file.headText.includes('"persistent_id"') &&
    file.headText.includes('"category"'),
  plan: () => ({
    series: 'police-uk-api',
    notes:
      'the API does not say when it was queried: the extract date is the import date unless --extract-date is given',
  }),
  load: loadApiJson,
};

async function loadApiJson(ctx: LoadContext): Promise<void> {
  const elements = await readJsonArray(ctx);
  const writer = new StreetRecordWriter(ctx, NAMES, { api: true, expectedRows: elements.length });
  for (let i = 0; i < elements.length; i += 1) {
    ctx.stats.rowsRead += 1;
    const parsed = ApiCrime.safeParse(elements[i]);
    if (!parsed.success) {
      for (const issue of parsed.error.issues.slice(0, 3)) {
        ctx.problems.add({
          line: null,
          column: `[${i}].${issue.path.join('.')}`,
          value: null,
          message: `not a police.uk API crime: ${issue.message}`,
        });
      }
      continue;
    }
    const crime = parsed.data;
    const month = crime.month.trim();
    const crimeType = crimeTypeForSlug(crime.category, `${month}-01`);
    if (crimeType === null) {
      ctx.problems.add({
        line: null,
        column: `[${i}].category`,
        value: crime.category,
        message: `not a police.uk crime category (known: ${apiCategorySlugs.join(', ')})`,
      });
      continue;
    }
    const force = crime.location_type?.trim().toUpperCase() === 'BTP' ? 'British Transport Police' : '';
    const values: StreetValues = {
      crimeId: crime.persistent_id ?? '',
      month,
      reportedBy: force,
      fallsWithin: force,
      longitude: crime.location?.longitude ?? '',
      latitude: crime.location?.latitude ?? '',
      location: crime.location?.street?.name ?? '',
      lsoaCode: '',
      lsoaName: '',
      crimeType: crime.category.trim() === '' ? '' : crimeType,
      lastOutcome: crime.outcome_status?.category ?? '',
      context: crime.context ?? '',
      api: {
        id: String(crime.id),
        locationType: crime.location_type ?? '',
        locationSubtype: crime.location_subtype ?? '',
        streetId: crime.location?.street?.id == null ? null : String(crime.location.street.id),
        lastOutcomeMonth: crime.outcome_status?.date ?? null,
      },
    };
    await writer.add({ element: i }, values);
  }
  if (ctx.problems.any) return;
  await writer.finish();
}

async function readJsonArray(ctx: LoadContext): Promise<unknown[]> {
  const { label, path } = ctx.file;
  let text = '';
  for await (const chunk of readText(path, label, { encoding: ctx.options.encoding })) {
    text += chunk;
    if (text.length > MAX_JSON_CHARS)
      throw ImportRejectedError.single(label, {
        message: 'the JSON file is larger than 256 MB; a police.uk API response is at most a few MB',
      });
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw ImportRejectedError.single(label, { message: `the JSON cannot be parsed: ${(error as Error).message}` });
  }
  if (!Array.isArray(data))
    throw ImportRejectedError.single(label, {
      message: 'expected a JSON array of crimes, as the police.uk API returns',
    });
  return data;
}
