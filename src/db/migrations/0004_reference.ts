import type { Kysely } from 'kysely';
import { runStatements } from './runStatements.ts';

/**
 * Reference data: which areas exist in which boundary vintage, lookups
 * between vintages and levels, boundaries, population, other census tables,
 * deprivation and the cost-of-crime unit costs. Every row names the batch it
 * came from; a later import of the same source replaces that source's rows
 * for the areas the new file covers (see ingest/reference/replacingWriter.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    // `area.code` is unique, but most LSOA codes exist in both the 2011 and
    // 2021 vintages (and ward codes across reviews): membership of a vintage
    // is therefore its own table, and `area` holds the newest description.
    `CREATE TABLE area_vintage (
      area_code text NOT NULL,
      vintage text NOT NULL,
      type text NOT NULL,
      name text NOT NULL,
      parent_code text,
      batch_id integer NOT NULL REFERENCES import_batch (id) ON DELETE CASCADE,
      PRIMARY KEY (area_code, vintage)
    )`,
    `CREATE INDEX area_vintage_parent ON area_vintage (type, vintage, parent_code)`,
    `CREATE TABLE area_lookup (
      relation text NOT NULL,
      from_code text NOT NULL,
      to_code text NOT NULL,
      change text CHECK (change IN ('U', 'S', 'M', 'X')),
      batch_id integer NOT NULL REFERENCES import_batch (id) ON DELETE CASCADE,
      PRIMARY KEY (relation, from_code, to_code)
    )`,
    `CREATE INDEX area_lookup_to ON area_lookup (relation, to_code)`,
    `CREATE TABLE boundary (
      area_code text NOT NULL,
      vintage text NOT NULL,
      geometry jsonb NOT NULL,
      batch_id integer NOT NULL REFERENCES import_batch (id) ON DELETE CASCADE,
      PRIMARY KEY (area_code, vintage)
    )`,
    // The primary keys below start with source × area, which is how these
    // tables are read and replaced; no further index is worth its cost on
    // national files (TS007A alone is 680,000 rows).
    `CREATE TABLE population (
      source text NOT NULL,
      area_code text NOT NULL,
      year smallint NOT NULL,
      sex text NOT NULL CHECK (sex IN ('all', 'female', 'male')),
      age_band text NOT NULL,
      ethnic_group text NOT NULL DEFAULT 'all',
      value integer NOT NULL CHECK (value >= 0),
      batch_id integer NOT NULL REFERENCES import_batch (id) ON DELETE CASCADE,
      PRIMARY KEY (source, area_code, year, sex, age_band, ethnic_group)
    )`,
    `CREATE TABLE census_measure (
      census_table text NOT NULL,
      area_code text NOT NULL,
      category text NOT NULL,
      census_year smallint NOT NULL,
      value double precision NOT NULL CHECK (value >= 0),
      batch_id integer NOT NULL REFERENCES import_batch (id) ON DELETE CASCADE,
      PRIMARY KEY (census_table, area_code, category)
    )`,
    `CREATE TABLE deprivation (
      source text NOT NULL,
      lsoa_code text NOT NULL,
      edition smallint NOT NULL CHECK (edition BETWEEN 2000 AND 2100),
      domain text NOT NULL,
      score double precision,
      rank integer CHECK (rank >= 1),
      decile smallint CHECK (decile BETWEEN 1 AND 10),
      batch_id integer NOT NULL REFERENCES import_batch (id) ON DELETE CASCADE,
      PRIMARY KEY (source, lsoa_code, domain)
    )`,
    `CREATE INDEX deprivation_lsoa ON deprivation (lsoa_code, edition, domain)`,
    `CREATE TABLE unit_cost (
      edition text NOT NULL,
      price_year text NOT NULL,
      offence text NOT NULL,
      cost_type text NOT NULL,
      value double precision NOT NULL CHECK (value >= 0),
      exactness text NOT NULL DEFAULT '',
      provisional boolean NOT NULL,
      source_note text NOT NULL DEFAULT '',
      batch_id integer NOT NULL REFERENCES import_batch (id) ON DELETE CASCADE,
      PRIMARY KEY (edition, offence, cost_type)
    )`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    ['unit_cost', 'deprivation', 'census_measure', 'population', 'boundary', 'area_lookup', 'area_vintage'].map(
      (t) => `DROP TABLE ${t}`,
    ),
  );
}
