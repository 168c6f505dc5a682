import { sql, type Kysely } from 'kysely';
import { runStatements } from './runStatements.ts';

/**
 * Pre-aggregated counts the analyses read instead of raw records. Every row
 * hangs off a revision slice (slice_id → count_slice ON DELETE CASCADE), so
 * revisions, "as of" questions and undo work exactly as for the raw rows:
 * a figure joins count_slice and keeps the current (or as-of) slices.
 *
 * AGGREGATE_FILL is this migration's frozen copy of the statements it ran to
 * backfill data imported before it. The running code owns its own copy
 * (src/analysis/aggregates/aggregateFill.ts), which may move on; this one
 * must not.
 */

/** Age bands of the aggregates: 0 apart from 1–9 (knife-injury victims are 1–24), 15–17 apart from 18–24 (youth). */
const AGE_BAND_SQL = (age: string, id: string) => `CASE
    WHEN ${id} IS NULL THEN 'none'
    WHEN ${age} IS NULL THEN 'unknown'
    WHEN ${age} = 0 THEN '0'
    WHEN ${age} < 10 THEN '1-9'
    WHEN ${age} < 15 THEN '10-14'
    WHEN ${age} < 18 THEN '15-17'
    WHEN ${age} < 25 THEN '18-24'
    WHEN ${age} < 35 THEN '25-34'
    WHEN ${age} < 45 THEN '35-44'
    WHEN ${age} < 55 THEN '45-54'
    WHEN ${age} < 65 THEN '55-64'
    ELSE '65+' END`;

/** police.uk self-defined ethnicity (several spellings over the years) → the five Census 2021 broad groups. */
const BROAD_ETHNICITY_SQL = (column: string) => `CASE
    WHEN ${column} ILIKE 'asian%' THEN 'asian'
    WHEN ${column} ILIKE 'black%' THEN 'black'
    WHEN ${column} ILIKE 'mixed%' THEN 'mixed'
    WHEN ${column} ILIKE 'white%' THEN 'white'
    WHEN ${column} ILIKE 'other%' OR ${column} ILIKE 'chinese%' THEN 'other'
    ELSE 'not_stated' END`;

const SANCTION_OUTCOMES = `('charge_summons', 'caution', 'taken_into_consideration', 'penalty_notice', 'drugs_warning')`;

/** Partner police rows with the derived columns every partner aggregate groups by. */
const PARTNER_ROWS = (where: string) => `
  SELECT r.*,
    ${AGE_BAND_SQL('r.victim_age', 'r.victim_id')} AS victim_band,
    ${AGE_BAND_SQL('r.suspect_age', 'r.suspect_id')} AS suspect_band,
    (r.hate_strand IS NOT NULL) AS hate,
    (row_number() OVER (PARTITION BY r.slice_id, r.crime_ref ORDER BY r.record_id) = 1) AS first_of_offence
  FROM partner_police_record r JOIN count_slice s ON s.id = r.slice_id
  WHERE ${where}`;

const FLAGS = 'domestic_abuse, knife, firearm, hate, sexual';

/**
 * INSERT … SELECT statements filling every aggregate for the slices matched
 * by `where` (a condition on count_slice s), e.g. `s.batch_id = 12`.
 */
function AGGREGATE_FILL(where: string): string[] {
  return [
    `INSERT INTO agg_police_uk_street (slice_id, category_id, lsoa_code, longitude, latitude, n)
     SELECT p.slice_id, p.category_id, p.lsoa_code, p.longitude, p.latitude, count(*)
     FROM police_uk_street p JOIN count_slice s ON s.id = p.slice_id
     WHERE ${where}
     GROUP BY p.slice_id, p.category_id, p.lsoa_code, p.longitude, p.latitude`,
    `INSERT INTO agg_stop_search (slice_id, lsoa21_code, gender, age_range, ethnic_group, officer_ethnic_group, object_of_search, outcome, outcome_linked, n)
     SELECT q.slice_id, q.lsoa21_code, q.gender, q.age_range, ${BROAD_ETHNICITY_SQL('q.self_defined_ethnicity')},
       coalesce(nullif(lower(q.officer_defined_ethnicity), ''), 'not_stated'), q.object_of_search, q.outcome, q.outcome_linked_to_object, count(*)
     FROM police_uk_stop_search q JOIN count_slice s ON s.id = q.slice_id
     WHERE ${where}
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9`,
    `INSERT INTO agg_partner_police (slice_id, borough_code, category_id, ${FLAGS}, victim_band, suspect_band,
       victim_sex, victim_ethnicity, suspect_sex, suspect_ethnicity, sanction, n_records, n_offences)
     SELECT slice_id, borough_code, category_id, ${FLAGS}, victim_band, suspect_band,
       coalesce(victim_sex, 'none'), coalesce(victim_ethnicity, 'none'), coalesce(suspect_sex, 'none'), coalesce(suspect_ethnicity, 'none'),
       outcome IN ${SANCTION_OUTCOMES}, count(*), count(*) FILTER (WHERE first_of_offence)
     FROM (${PARTNER_ROWS(where)}) x
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15`,
    `INSERT INTO agg_partner_police_core (slice_id, borough_code, category_id, ${FLAGS}, victim_band, suspect_band, sanction, n_records, n_offences)
     SELECT slice_id, borough_code, category_id, ${FLAGS}, victim_band, suspect_band, outcome IN ${SANCTION_OUTCOMES}, count(*), count(*) FILTER (WHERE first_of_offence)
     FROM (${PARTNER_ROWS(where)}) x
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11`,
    `INSERT INTO agg_partner_police_time (slice_id, borough_code, category_id, ${FLAGS}, victim_band, suspect_band, weekday, hour, window_date, n_records, n_offences)
     SELECT slice_id, borough_code, category_id, ${FLAGS}, victim_band, suspect_band,
       extract(isodow FROM offence_date)::int2, extract(hour FROM offence_time)::int2,
       CASE WHEN extract(isodow FROM offence_date) <= 5 AND extract(hour FROM offence_time) BETWEEN 15 AND 17 THEN offence_date END,
       count(*), count(*) FILTER (WHERE first_of_offence)
     FROM (${PARTNER_ROWS(where)}) x
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13`,
    `INSERT INTO agg_partner_police_lsoa (slice_id, borough_code, category_id, lsoa_code, ${FLAGS}, victim_band, suspect_band, n_records, n_offences)
     SELECT slice_id, borough_code, category_id, lsoa_code, ${FLAGS}, victim_band, suspect_band, count(*), count(*) FILTER (WHERE first_of_offence)
     FROM (${PARTNER_ROWS(where)}) x
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11`,
    `INSERT INTO agg_partner_person (slice_id, borough_code, role, person_id, category_id, domestic_abuse, knife, age_band, n)
     SELECT slice_id, borough_code, 'victim', victim_id, category_id, domestic_abuse, knife, victim_band, count(*)
     FROM (${PARTNER_ROWS(where)}) x WHERE victim_id IS NOT NULL
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
     UNION ALL
     SELECT slice_id, borough_code, 'suspect', suspect_id, category_id, domestic_abuse, knife, suspect_band, count(*)
     FROM (${PARTNER_ROWS(where)}) x WHERE suspect_id IS NOT NULL
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`,
  ];
}

const PARTNER_FLAG_COLUMNS = `domestic_abuse boolean NOT NULL, knife boolean NOT NULL, firearm boolean NOT NULL, hate boolean NOT NULL, sexual boolean NOT NULL`;
const SLICE = `slice_id bigint NOT NULL REFERENCES count_slice (id) ON DELETE CASCADE`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    // police.uk street crimes per anonymised map point: serves LSOA counts and grids alike.
    `CREATE TABLE agg_police_uk_street (${SLICE}, category_id integer NOT NULL, lsoa_code text,
      longitude double precision, latitude double precision, n integer NOT NULL)`,
    `CREATE INDEX agg_police_uk_street_slice ON agg_police_uk_street (slice_id)`,
    `CREATE TABLE agg_stop_search (${SLICE}, lsoa21_code text, gender text NOT NULL, age_range text NOT NULL,
      ethnic_group text NOT NULL, officer_ethnic_group text NOT NULL, object_of_search text NOT NULL, outcome text NOT NULL,
      outcome_linked boolean, n integer NOT NULL)`,
    `CREATE INDEX agg_stop_search_slice ON agg_stop_search (slice_id)`,
    `CREATE TABLE agg_partner_police (${SLICE}, borough_code text NOT NULL, category_id integer NOT NULL, ${PARTNER_FLAG_COLUMNS},
      victim_band text NOT NULL, suspect_band text NOT NULL, victim_sex text NOT NULL, victim_ethnicity text NOT NULL,
      suspect_sex text NOT NULL, suspect_ethnicity text NOT NULL, sanction boolean NOT NULL,
      n_records integer NOT NULL, n_offences integer NOT NULL)`,
    `CREATE INDEX agg_partner_police_slice ON agg_partner_police (slice_id)`,
    // The same without sex and ethnicity: headline figures, series and category/ward breakdowns read this smaller table.
    `CREATE TABLE agg_partner_police_core (${SLICE}, borough_code text NOT NULL, category_id integer NOT NULL, ${PARTNER_FLAG_COLUMNS},
      victim_band text NOT NULL, suspect_band text NOT NULL, sanction boolean NOT NULL, n_records integer NOT NULL, n_offences integer NOT NULL)`,
    `CREATE INDEX agg_partner_police_core_slice ON agg_partner_police_core (slice_id)`,
    `CREATE TABLE agg_partner_police_time (${SLICE}, borough_code text NOT NULL, category_id integer NOT NULL, ${PARTNER_FLAG_COLUMNS},
      victim_band text NOT NULL, suspect_band text NOT NULL, weekday smallint NOT NULL, hour smallint,
      window_date date, n_records integer NOT NULL, n_offences integer NOT NULL)`,
    `CREATE INDEX agg_partner_police_time_slice ON agg_partner_police_time (slice_id)`,
    `CREATE TABLE agg_partner_police_lsoa (${SLICE}, borough_code text NOT NULL, category_id integer NOT NULL, lsoa_code text, ${PARTNER_FLAG_COLUMNS},
      victim_band text NOT NULL, suspect_band text NOT NULL, n_records integer NOT NULL, n_offences integer NOT NULL)`,
    `CREATE INDEX agg_partner_police_lsoa_slice ON agg_partner_police_lsoa (slice_id)`,
    `CREATE TABLE agg_partner_person (${SLICE}, borough_code text NOT NULL, role text NOT NULL CHECK (role IN ('victim', 'suspect')),
      person_id text NOT NULL, category_id integer NOT NULL, domestic_abuse boolean NOT NULL, knife boolean NOT NULL,
      age_band text NOT NULL, n integer NOT NULL)`,
    `CREATE INDEX agg_partner_person_slice ON agg_partner_person (slice_id)`,
    // Figures select slices by series and month first, then area.
    `CREATE INDEX count_slice_series_month ON count_slice (series, month) WHERE superseded_by IS NULL`,
  ]);
  // Data imported before this migration: aggregate every slice already stored.
  for (const statement of AGGREGATE_FILL('true')) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    'DROP INDEX count_slice_series_month',
    ...[
      'agg_partner_person',
      'agg_partner_police_lsoa',
      'agg_partner_police_time',
      'agg_partner_police_core',
      'agg_partner_police',
      'agg_stop_search',
      'agg_police_uk_street',
    ].map((t) => `DROP TABLE ${t}`),
  ]);
}
