/**
 * The INSERT … SELECT statements that fill the aggregate tables from the raw
 * records, owned by the running code (refreshAggregatesForBatch, the bench).
 * Migration 0007 keeps its own frozen copy of the statements it ran; a change
 * here that needs new columns or tables comes with a new migration.
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
// police.uk writes "Other ethnic group - Not stated" for searches where no ethnicity was given: that is not
// stated, not the Census "Other ethnic group" (in Tower Hamlets 2023, 1,532 of 1,617 "other" searches).
const BROAD_ETHNICITY_SQL = (column: string) => `CASE
    WHEN ${column} ILIKE '%not stated%' THEN 'not_stated'
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
    (row_number() OVER (PARTITION BY r.slice_id, r.crime_ref ORDER BY r.record_id) = 1) AS first_of_offence,
    s.month AS slice_month
  FROM partner_police_record r JOIN count_slice s ON s.id = r.slice_id
  WHERE ${where}`;

const FLAGS = 'domestic_abuse, knife, firearm, hate, sexual';

/**
 * Partner rows carry their slice's month (migration 0011), so a borough's
 * figure finds its rows of the period by (borough_code, month) alone.
 * Rows are written in that order (slice order for police.uk), so the rows a
 * figure reads sit in a few pages together: rows scattered over the table
 * made it fetch a page per row (measured: 95,000 pages for 2,000 rows of one
 * year's person aggregate).
 *
 * INSERT … SELECT statements filling every aggregate for the slices matched
 * by `where` (a condition on count_slice s), e.g. `s.batch_id = 12`.
 */
export function aggregateFillStatements(where: string): string[] {
  return [
    `INSERT INTO agg_police_uk_street (slice_id, category_id, lsoa_code, longitude, latitude, n)
     SELECT p.slice_id, p.category_id, p.lsoa_code, p.longitude, p.latitude, count(*)
     FROM police_uk_street p JOIN count_slice s ON s.id = p.slice_id
     WHERE ${where}
     GROUP BY p.slice_id, p.category_id, p.lsoa_code, p.longitude, p.latitude
     ORDER BY 1`,
    `INSERT INTO agg_stop_search (slice_id, lsoa21_code, gender, age_range, ethnic_group, officer_ethnic_group, object_of_search, outcome, outcome_linked, n)
     SELECT q.slice_id, q.lsoa21_code, q.gender, q.age_range, ${BROAD_ETHNICITY_SQL('q.self_defined_ethnicity')},
       coalesce(nullif(lower(q.officer_defined_ethnicity), ''), 'not_stated'), q.object_of_search, q.outcome, q.outcome_linked_to_object, count(*)
     FROM police_uk_stop_search q JOIN count_slice s ON s.id = q.slice_id
     WHERE ${where}
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
     ORDER BY 1`,
    `INSERT INTO agg_partner_police (slice_id, borough_code, month, category_id, ${FLAGS}, victim_band, suspect_band,
       victim_sex, victim_ethnicity, suspect_sex, suspect_ethnicity, sanction, n_records, n_offences)
     SELECT slice_id, borough_code, slice_month, category_id, ${FLAGS}, victim_band, suspect_band,
       coalesce(victim_sex, 'none'), coalesce(victim_ethnicity, 'none'), coalesce(suspect_sex, 'none'), coalesce(suspect_ethnicity, 'none'),
       outcome IN ${SANCTION_OUTCOMES}, count(*), count(*) FILTER (WHERE first_of_offence)
     FROM (${PARTNER_ROWS(where)}) x
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16
     ORDER BY 2, 3, 1`,
    `INSERT INTO agg_partner_police_core (slice_id, borough_code, month, category_id, ${FLAGS}, victim_band, suspect_band, sanction, n_records, n_offences)
     SELECT slice_id, borough_code, slice_month, category_id, ${FLAGS}, victim_band, suspect_band, outcome IN ${SANCTION_OUTCOMES}, count(*), count(*) FILTER (WHERE first_of_offence)
     FROM (${PARTNER_ROWS(where)}) x
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12
     ORDER BY 2, 3, 1`,
    `INSERT INTO agg_partner_police_time (slice_id, borough_code, month, category_id, ${FLAGS}, victim_band, suspect_band, weekday, hour, window_date, n_records, n_offences)
     SELECT slice_id, borough_code, slice_month, category_id, ${FLAGS}, victim_band, suspect_band,
       extract(isodow FROM offence_date)::int2, extract(hour FROM offence_time)::int2,
       CASE WHEN extract(isodow FROM offence_date) <= 5 AND extract(hour FROM offence_time) BETWEEN 15 AND 17 THEN offence_date END,
       count(*), count(*) FILTER (WHERE first_of_offence)
     FROM (${PARTNER_ROWS(where)}) x
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14
     ORDER BY 2, 3, 1`,
    `INSERT INTO agg_partner_police_lsoa (slice_id, borough_code, month, category_id, lsoa_code, ${FLAGS}, victim_band, suspect_band, n_records, n_offences)
     SELECT slice_id, borough_code, slice_month, category_id, lsoa_code, ${FLAGS}, victim_band, suspect_band, count(*), count(*) FILTER (WHERE first_of_offence)
     FROM (${PARTNER_ROWS(where)}) x
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12
     ORDER BY 2, 3, 1`,
    `INSERT INTO agg_partner_person (slice_id, borough_code, month, role, person_id, category_id, domestic_abuse, knife, age_band, n)
     SELECT slice_id, borough_code, slice_month, 'victim', victim_id, category_id, domestic_abuse, knife, victim_band, count(*)
     FROM (${PARTNER_ROWS(where)}) x WHERE victim_id IS NOT NULL
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
     UNION ALL
     SELECT slice_id, borough_code, slice_month, 'suspect', suspect_id, category_id, domestic_abuse, knife, suspect_band, count(*)
     FROM (${PARTNER_ROWS(where)}) x WHERE suspect_id IS NOT NULL
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
     ORDER BY 2, 3, 1`,
  ];
}
