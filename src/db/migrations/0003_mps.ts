import type { Kysely } from 'kysely';
import { runStatements } from './runStatements.ts';
import seed from './0003_mps.seed.json' with { type: 'json' };

/**
 * MPS London Datastore series beyond the wide monthly counts (which live in
 * crime_count): VAWG, homicide, custody, more thorough searches; the names
 * MPS files give to non-borough areas; and the offence classification
 * catalogue. Every row sits in a revision slice (count_slice), so a later
 * extract replaces the months it covers and keeps the earlier values as history.
 * Blank publisher cells are stored as NULL.
 */
const q = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Pseudo-areas the MPS files count in besides the 32 boroughs (MPS-SO18 and MPS-UNKNOWN come with 0001). */
const PSEUDO_AREAS: readonly [string, string][] = [
  ['MPS-NON-MET', 'Non-MPS police force (recorded by the MPS)'],
  ['MPS-OTHER', 'Other (MPS, not attributed to a borough)'],
];

/** Other spellings of areas found in real MPS files (lower case, '&' written 'and', '(Legacy Only)' dropped). */
const AREA_ALIASES: readonly [string, string][] = [
  ['city of westminster', 'E09000033'],
  ['heathrow', 'MPS-SO18'],
  ['aviation security', 'MPS-SO18'],
  ['aviation policing', 'MPS-SO18'],
  ['co18 (heathrow airport)', 'MPS-SO18'],
  ['co18 (city airport)', 'MPS-SO18'],
  ['n/k', 'MPS-UNKNOWN'],
  ['other / nk', 'MPS-UNKNOWN'],
  ['non met police force', 'MPS-NON-MET'],
  ['other', 'MPS-OTHER'],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    ...tables,
    `INSERT INTO area (code, name, type, vintage) VALUES ${PSEUDO_AREAS.map(([c, n]) => `(${q(c)}, ${q(n)}, 'pseudo', '')`).join(', ')}
      ON CONFLICT (code) DO NOTHING`,
    `INSERT INTO area_alias (alias, code) VALUES ${AREA_ALIASES.map(([a, c]) => `(${q(a)}, ${q(c)})`).join(', ')}
      ON CONFLICT (alias) DO NOTHING`,
    ...catalogueSeed(),
  ]);
}

const tables = [
  `CREATE TABLE mps_vawg_offence_count (
    slice_id bigint NOT NULL REFERENCES count_slice (id) ON DELETE CASCADE,
    bcu text,
    ward_name text,
    committed_month date,
    crimsec_group text,
    crimsec_code_expansion text,
    crimsec_offence text,
    vawg_offence text,
    value integer NOT NULL CHECK (value >= 0)
  )`,
  `CREATE INDEX mps_vawg_offence_count_slice ON mps_vawg_offence_count (slice_id)`,
  `CREATE TABLE mps_vawg_victim_count (
    slice_id bigint NOT NULL REFERENCES count_slice (id) ON DELETE CASCADE,
    bcu text,
    ward_name text,
    committed_month date,
    age_group text,
    ethnic_group text,
    value integer NOT NULL CHECK (value >= 0)
  )`,
  `CREATE INDEX mps_vawg_victim_count_slice ON mps_vawg_victim_count (slice_id)`,
  `CREATE TABLE mps_homicide_accused (
    slice_id bigint NOT NULL REFERENCES count_slice (id) ON DELETE CASCADE,
    persons integer NOT NULL CHECK (persons >= 0),
    sex text NOT NULL,
    age_group text NOT NULL,
    ethnicity text NOT NULL,
    offence_type text NOT NULL,
    proceedings_outcome text NOT NULL
  )`,
  `CREATE INDEX mps_homicide_accused_slice ON mps_homicide_accused (slice_id)`,
  `CREATE TABLE mps_custody_disposal (
    slice_id bigint NOT NULL REFERENCES count_slice (id) ON DELETE CASCADE,
    sex text NOT NULL,
    age_group text NOT NULL,
    ethnicity text NOT NULL,
    offence_group text NOT NULL,
    disposal text NOT NULL,
    value integer NOT NULL CHECK (value >= 0)
  )`,
  `CREATE INDEX mps_custody_disposal_slice ON mps_custody_disposal (slice_id)`,
  `CREATE TABLE mps_thorough_search (
    slice_id bigint NOT NULL REFERENCES count_slice (id) ON DELETE CASCADE,
    source_ref text,
    stop_date date NOT NULL,
    bcu text,
    borough_name text,
    age_group text NOT NULL,
    sex text NOT NULL,
    ethnic_appearance text NOT NULL,
    stop_reason text NOT NULL,
    appropriate_adult_present boolean,
    positive_outcome boolean,
    outcome_reason text
  )`,
  `CREATE INDEX mps_thorough_search_slice ON mps_thorough_search (slice_id)`,
  // The searches file concatenates three publications that overlap in time
  // (told apart by how they spell the outcome column; scope = that spelling).
  // For each month, only the publication with the latest extract counts.
  `CREATE VIEW mps_thorough_search_current AS
    SELECT s.area_code, s.month, s.scope AS publication, t.*
    FROM mps_thorough_search t JOIN count_slice s ON s.id = t.slice_id
    WHERE s.superseded_by IS NULL
      AND s.extract_date = (SELECT max(s2.extract_date) FROM count_slice s2
                            WHERE s2.series = s.series AND s2.month = s.month AND s2.superseded_by IS NULL)`,
];

/** One row of VALUES: each cell quoted, in the seed file's order. */
const values = (row: readonly string[]) => `(${row.map((cell) => q(cell)).join(', ')})`;

/**
 * offence_category and offence_mapping rows from the catalogue as it was when
 * this migration was written, keyed the way importers look categories up. The
 * rows are a frozen copy beside this file (0003_mps.seed.json), not the live
 * catalogue, so every database migrated through 0003 gets the same rows.
 */
function catalogueSeed(): string[] {
  // [classification, major, minor, match_key]
  const categories = seed.categories.map(values);
  // [from classification, from match_key, relation, to classification, to match_key]
  const mappings = seed.mappings.map(values);
  return [
    `INSERT INTO offence_category (classification, major, minor, match_key) VALUES ${categories.join(',\n')}
      ON CONFLICT (classification, match_key) DO NOTHING`,
    `INSERT INTO offence_mapping (from_category_id, to_category_id, relation)
      SELECT f.id, t.id, v.relation
      FROM (VALUES ${mappings.join(',\n')}) AS v (from_classification, from_key, relation, to_classification, to_key)
      JOIN offence_category f ON f.classification = v.from_classification AND f.match_key = v.from_key
      JOIN offence_category t ON t.classification = v.to_classification AND t.match_key = v.to_key
      ON CONFLICT DO NOTHING`,
  ];
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `DROP VIEW mps_thorough_search_current`,
    ...[
      'mps_thorough_search',
      'mps_custody_disposal',
      'mps_homicide_accused',
      'mps_vawg_victim_count',
      'mps_vawg_offence_count',
    ].map((t) => `DROP TABLE ${t}`),
    `DELETE FROM area_alias WHERE alias IN (${AREA_ALIASES.map(([a]) => q(a)).join(', ')})`,
    `DELETE FROM area WHERE code IN (${PSEUDO_AREAS.map(([c]) => q(c)).join(', ')})`,
  ]);
}
