import { sql, type Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.ts';
import { rebuildAllAggregates } from '../../src/analysis/aggregates/refreshAggregatesForBatch.ts';
import { seconds, withoutIndexesAndChecks } from './bulkLoad.ts';

/** What the generator writes: the records and every partner aggregate made from them. */
const LOADED = [
  'partner_police_record',
  'agg_partner_police',
  'agg_partner_police_core',
  'agg_partner_police_time',
  'agg_partner_police_lsoa',
  'agg_partner_person',
  'agg_partner_definition',
];

/**
 * Fills a database with SYNTHETIC partner police records straight in SQL
 * (generate_series), so ten million rows take minutes, not hours: boroughs ×
 * 20 wards × months slices, records spread evenly, attributes drawn with
 * hashing of slice and row number (deterministic across runs); categories,
 * ages and ethnicity are skewed as real data is, not uniform.
 * With `bulk` (PostgreSQL only), indexes and foreign-key checks of the tables
 * written are off during the load and rebuilt after it (bulkLoad.ts).
 */
export async function generateSyntheticRecords(
  db: Kysely<DB>,
  opts: { boroughs: readonly string[]; records: number; firstMonth: string; months: number; bulk?: boolean },
  rebuild: (db: Kysely<DB>) => Promise<void> = rebuildAllAggregates,
): Promise<void> {
  if (opts.bulk)
    return withoutIndexesAndChecks(db, LOADED, () => generateSyntheticRecords(db, { ...opts, bulk: false }, rebuild));
  const started = performance.now();
  const batch = await db
    .insertInto('import_batch')
    .values({
      file_name: 'bench-SYNTHETIC',
      file_path: 'bench',
      sha256: 'b'.repeat(64),
      layout: 'partner-police-extract',
      series: 'partner-police',
      extract_date: '2026-01-01',
      imported_by: 'bench',
      classification: 'personal',
      owning_agency: 'police',
      notes: 'data_label SYNTHETIC',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const wards = 20;
  await sql`INSERT INTO count_slice (series, area_code, month, scope, batch_id, extract_date, content_hash, row_count, superseded_by)
    SELECT 'partner-police', b.code || '-W' || lpad(w::text, 2, '0'), (${opts.firstMonth}::date + make_interval(months => m))::date, '', ${batch.id}, '2026-01-01', 'bench', 0, NULL
    FROM unnest(${sql.val([...opts.boroughs])}::text[]) AS b(code), generate_series(1, ${wards}) w, generate_series(0, ${opts.months - 1}) m`.execute(
    db,
  );
  const categories = (
    await db
      .selectFrom('offence_category')
      .select('id')
      .where('classification', '=', 'ho_aligned')
      .orderBy('id')
      .execute()
  ).map((c) => c.id);
  const { rows } = await sql<{
    n: string | number;
  }>`SELECT count(*) AS n FROM count_slice WHERE batch_id = ${batch.id}`.execute(db);
  const slices = Number(rows[0]!.n);
  const perSlice = Math.max(1, Math.round(opts.records / slices));
  // People are drawn from a pool a third larger than a borough's records in a year (40,000 for ~300,000 over ten
  // years), so repeat victims and victim–suspect overlap are as common at any scale.
  const people = Math.max(1000, Math.round(((opts.records / opts.boroughs.length / (opts.months / 12)) * 4) / 3));
  // h(i, k) is a cheap deterministic pseudo-random in [0, 1) per row and attribute.
  const h = (k: number) => sql.raw(`((hashint8((s.id * 100000 + g) * 64 + ${k}) & 2147483647)::float8 / 2147483648)`);
  await sql`INSERT INTO partner_police_record (slice_id, record_id, crime_ref, data_label, offence_date, offence_time, committed_from, committed_to, recorded_date,
      borough_code, ward_code, lsoa_code, category_id, domestic_abuse, knife, firearm, hate_strand, sexual,
      victim_id, victim_age, victim_sex, victim_ethnicity, suspect_id, suspect_age, suspect_sex, suspect_ethnicity, location_type, outcome, outcome_date)
    SELECT s.id, 'R' || s.id || '-' || g, 'C' || s.id || '-' || (g / 2), 'SYNTHETIC', d, t, d + t, d + t, d,
      split_part(s.area_code, '-', 1), s.area_code, split_part(s.area_code, '-', 1) || 'L' || (g % 8),
      (${sql.val(categories)}::int[])[1 + floor(power(${h(1)}, 3) * ${categories.length})::int],
      ${h(2)} < 0.15, ${h(3)} < 0.05, ${h(4)} < 0.01, CASE WHEN ${h(5)} < 0.03 THEN 'race' END, ${h(6)} < 0.04,
      'P' || split_part(s.area_code, '-', 1) || floor(${h(7)} * ${people})::int, floor(1 + power(${h(8)}, 1.5) * 79)::int2, CASE WHEN ${h(9)} < 0.5 THEN 'male' ELSE 'female' END,
      (ARRAY['white','asian','black','other','mixed','not_stated'])[1 + floor(power(${h(10)}, 2) * 6)::int],
      CASE WHEN ${h(11)} < 0.6 THEN 'P' || split_part(s.area_code, '-', 1) || floor(${h(12)} * ${people})::int END, floor(12 + ${h(13)} * 50)::int2, 'male', 'white',
      'street', CASE WHEN ${h(14)} < 0.12 THEN 'charge_summons' ELSE 'no_suspect' END, d
    FROM count_slice s
    CROSS JOIN generate_series(1, ${perSlice}) g
    CROSS JOIN LATERAL (SELECT (s.month + floor(${h(15)} * 28)::int) AS d, make_time(floor(${h(16)} * 24)::int, 0, 0) AS t) x
    WHERE s.batch_id = ${batch.id}`.execute(db);
  await sql`UPDATE count_slice SET row_count = ${perSlice} WHERE batch_id = ${batch.id}`.execute(db);
  console.log(
    `  ${(slices * perSlice).toLocaleString('en-GB')} records in ${slices.toLocaleString('en-GB')} slices written in ${seconds(started)} s`,
  );
  const aggregating = performance.now();
  await rebuild(db);
  console.log(`  aggregates made in ${seconds(aggregating)} s`);
}

/**
 * A schema whose views carry the aggregate tables' names but read the raw
 * records row by row (n = 1): with search_path = rawscan, public the very same
 * analysis code computes each figure by a full scan of the records. A
 * partner slice's month is its records' offence month (policeExtractLayout),
 * so the views need not join count_slice for it.
 */
export async function createRawScanViews(db: Kysely<DB>): Promise<void> {
  await sql`DROP SCHEMA IF EXISTS rawscan CASCADE`.execute(db);
  await sql`CREATE SCHEMA rawscan`.execute(db);
  const rows = sql.raw(`SELECT r.*,
      CASE WHEN r.victim_id IS NULL THEN 'none' WHEN r.victim_age IS NULL THEN 'unknown' WHEN r.victim_age = 0 THEN '0' WHEN r.victim_age < 10 THEN '1-9' WHEN r.victim_age < 15 THEN '10-14' WHEN r.victim_age < 18 THEN '15-17' WHEN r.victim_age < 25 THEN '18-24' WHEN r.victim_age < 35 THEN '25-34' WHEN r.victim_age < 45 THEN '35-44' WHEN r.victim_age < 55 THEN '45-54' WHEN r.victim_age < 65 THEN '55-64' ELSE '65+' END AS victim_band,
      CASE WHEN r.suspect_id IS NULL THEN 'none' WHEN r.suspect_age IS NULL THEN 'unknown' WHEN r.suspect_age = 0 THEN '0' WHEN r.suspect_age < 10 THEN '1-9' WHEN r.suspect_age < 15 THEN '10-14' WHEN r.suspect_age < 18 THEN '15-17' WHEN r.suspect_age < 25 THEN '18-24' WHEN r.suspect_age < 35 THEN '25-34' WHEN r.suspect_age < 45 THEN '35-44' WHEN r.suspect_age < 55 THEN '45-54' WHEN r.suspect_age < 65 THEN '55-64' ELSE '65+' END AS suspect_band,
      (r.hate_strand IS NOT NULL) AS hate,
      (row_number() OVER (PARTITION BY r.slice_id, r.crime_ref ORDER BY r.record_id) = 1)::int AS n_offences, 1 AS n_records,
      r.outcome IN ('charge_summons', 'caution', 'taken_into_consideration', 'penalty_notice', 'drugs_warning') AS sanction,
      extract(isodow FROM r.offence_date)::int2 AS weekday, extract(hour FROM r.offence_time)::int2 AS hour,
      CASE WHEN extract(isodow FROM r.offence_date) <= 5 AND extract(hour FROM r.offence_time) BETWEEN 15 AND 17 THEN r.offence_date END AS window_date,
      date_trunc('month', r.offence_date)::date AS month
    FROM public.partner_police_record r`);
  for (const name of [
    'agg_partner_police',
    'agg_partner_police_core',
    'agg_partner_police_time',
    'agg_partner_police_lsoa',
  ]) {
    await sql`CREATE VIEW ${sql.raw(`rawscan.${name}`)} AS ${rows}`.execute(db);
  }
  // No definition's counts are filled as far as the scan is concerned: figures read the record-level views above.
  await sql`CREATE VIEW rawscan.agg_definition_key AS SELECT * FROM public.agg_definition_key WHERE false`.execute(db);
  await sql`CREATE VIEW rawscan.agg_partner_person AS
    SELECT slice_id, borough_code, month, 'victim'::text AS role, victim_id AS person_id, category_id, domestic_abuse, knife, victim_band AS age_band, 1 AS n FROM (${rows}) v WHERE victim_id IS NOT NULL
    UNION ALL
    SELECT slice_id, borough_code, month, 'suspect', suspect_id, category_id, domestic_abuse, knife, suspect_band, 1 FROM (${rows}) v WHERE suspect_id IS NOT NULL`.execute(
    db,
  );
}
