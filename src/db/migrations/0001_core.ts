import type { Kysely } from 'kysely';
import { runStatements } from './runStatements.ts';

const LONDON_BOROUGHS: readonly [string, string][] = [
  ['E09000001', 'City of London'],
  ['E09000002', 'Barking and Dagenham'],
  ['E09000003', 'Barnet'],
  ['E09000004', 'Bexley'],
  ['E09000005', 'Brent'],
  ['E09000006', 'Bromley'],
  ['E09000007', 'Camden'],
  ['E09000008', 'Croydon'],
  ['E09000009', 'Ealing'],
  ['E09000010', 'Enfield'],
  ['E09000011', 'Greenwich'],
  ['E09000012', 'Hackney'],
  ['E09000013', 'Hammersmith and Fulham'],
  ['E09000014', 'Haringey'],
  ['E09000015', 'Harrow'],
  ['E09000016', 'Havering'],
  ['E09000017', 'Hillingdon'],
  ['E09000018', 'Hounslow'],
  ['E09000019', 'Islington'],
  ['E09000020', 'Kensington and Chelsea'],
  ['E09000021', 'Kingston upon Thames'],
  ['E09000022', 'Lambeth'],
  ['E09000023', 'Lewisham'],
  ['E09000024', 'Merton'],
  ['E09000025', 'Newham'],
  ['E09000026', 'Redbridge'],
  ['E09000027', 'Richmond upon Thames'],
  ['E09000028', 'Southwark'],
  ['E09000029', 'Sutton'],
  ['E09000030', 'Tower Hamlets'],
  ['E09000031', 'Waltham Forest'],
  ['E09000032', 'Wandsworth'],
  ['E09000033', 'Westminster'],
];

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE import_batch (
      id serial PRIMARY KEY,
      file_name text NOT NULL,
      file_path text NOT NULL,
      sha256 char(64) NOT NULL,
      layout text NOT NULL,
      series text NOT NULL,
      extract_date date NOT NULL,
      imported_by text NOT NULL,
      imported_at timestamptz NOT NULL DEFAULT now(),
      status text NOT NULL DEFAULT 'imported' CHECK (status IN ('imported', 'undone')),
      rows_read integer NOT NULL DEFAULT 0,
      rows_imported integer NOT NULL DEFAULT 0,
      rows_unchanged integer NOT NULL DEFAULT 0,
      rows_replaced integer NOT NULL DEFAULT 0,
      classification text NOT NULL DEFAULT 'public' CHECK (classification IN ('public', 'partnership', 'restricted', 'personal')),
      owning_agency text NOT NULL DEFAULT 'police',
      notes text
    )`,
    `CREATE UNIQUE INDEX import_batch_sha256_layout ON import_batch (sha256, layout) WHERE status = 'imported'`,
    `CREATE TABLE area (
      code text PRIMARY KEY,
      name text NOT NULL,
      type text NOT NULL CHECK (type IN ('lsoa', 'ward', 'borough', 'region', 'country', 'police_force_area', 'snt', 'bcu', 'pseudo')),
      vintage text NOT NULL DEFAULT '',
      parent_code text,
      batch_id integer REFERENCES import_batch (id) ON DELETE SET NULL
    )`,
    `CREATE INDEX area_type_name ON area (type, lower(name))`,
    // Other names publishers use for an area. The MPS called its airports
    // command "London Heathrow and London City Airports" in older extracts.
    `CREATE TABLE area_alias (
      alias text PRIMARY KEY,
      code text NOT NULL REFERENCES area (code)
    )`,
    `CREATE TABLE offence_category (
      id serial PRIMARY KEY,
      classification text NOT NULL,
      major text NOT NULL,
      minor text NOT NULL DEFAULT '',
      match_key text NOT NULL,
      UNIQUE (classification, match_key)
    )`,
    `CREATE TABLE offence_mapping (
      from_category_id integer NOT NULL REFERENCES offence_category (id),
      to_category_id integer NOT NULL REFERENCES offence_category (id),
      relation text NOT NULL CHECK (relation IN ('equivalent', 'broader', 'narrower', 'overlaps')),
      PRIMARY KEY (from_category_id, to_category_id)
    )`,
    `CREATE TABLE count_slice (
      id bigserial PRIMARY KEY,
      series text NOT NULL,
      area_code text NOT NULL,
      month date NOT NULL,
      scope text NOT NULL DEFAULT '',
      batch_id integer NOT NULL REFERENCES import_batch (id) ON DELETE CASCADE,
      extract_date date NOT NULL,
      content_hash text NOT NULL,
      row_count integer NOT NULL,
      superseded_by integer REFERENCES import_batch (id) ON DELETE SET NULL
    )`,
    `CREATE UNIQUE INDEX count_slice_current ON count_slice (series, area_code, month, scope) WHERE superseded_by IS NULL`,
    `CREATE INDEX count_slice_batch ON count_slice (batch_id)`,
    `CREATE INDEX count_slice_superseded_by ON count_slice (superseded_by)`,
    `CREATE TABLE crime_count (
      slice_id bigint NOT NULL REFERENCES count_slice (id) ON DELETE CASCADE,
      category_id integer NOT NULL REFERENCES offence_category (id),
      measure text NOT NULL,
      value integer NOT NULL CHECK (value >= 0)
    )`,
    `CREATE INDEX crime_count_slice ON crime_count (slice_id)`,
    `INSERT INTO area (code, name, type, vintage) VALUES
      ('E92000001', 'England', 'country', ''),
      ('E12000007', 'London', 'region', ''),
      ('E23000001', 'Metropolitan Police', 'police_force_area', ''),
      ('E23000034', 'City of London Police', 'police_force_area', ''),
      ('MPS-SO18', 'Aviation Security (SO18)', 'pseudo', ''),
      ('MPS-UNKNOWN', 'Unknown (MPS, borough not recorded)', 'pseudo', ''),
      ${LONDON_BOROUGHS.map(([code, name]) => `(${q(code)}, ${q(name)}, 'borough', '')`).join(',\n')}`,
    `INSERT INTO area_alias (alias, code) VALUES ('london heathrow and london city airports', 'MPS-SO18'), ('unknown', 'MPS-UNKNOWN')`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    ['crime_count', 'count_slice', 'offence_mapping', 'offence_category', 'area_alias', 'area', 'import_batch'].map(
      (t) => `DROP TABLE ${t}`,
    ),
  );
}
