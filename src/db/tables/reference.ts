import type { ColumnType } from 'kysely';
import type { AreaTable } from './core.ts';

/**
 * An area's membership of one boundary vintage (LSOA 2011 / 2021, wards
 * 2018 / 2025 …). `area` holds one row per code; most LSOA codes exist in both
 * LSOA vintages, so which vintages a code belongs to lives here.
 */
export interface AreaVintageTable {
  area_code: string;
  vintage: string;
  type: AreaTable['type'];
  name: string;
  /** The borough (or, outside London, local authority district) the area lies in for that vintage. */
  parent_code: string | null;
  batch_id: number;
}

/** The change indicator of the ONS LSOA 2011 → 2021 lookup: unchanged, split, merged, irregular. */
export type LsoaChange = 'U' | 'S' | 'M' | 'X';

/** One edge between areas, e.g. relation 'lsoa11_to_lsoa21', 'lsoa21_to_ward25', 'ward25_to_lad25', 'lsoa11_to_lad22'. */
export interface AreaLookupTable {
  relation: string;
  from_code: string;
  to_code: string;
  /** Only for LSOA 2011 → 2021. */
  change: LsoaChange | null;
  batch_id: number;
}

/** An area's outline in one vintage, as a WGS84 GeoJSON Polygon or MultiPolygon. */
export interface BoundaryTable {
  area_code: string;
  vintage: string;
  geometry: ColumnType<GeoJsonPolygonal, string, string>;
  batch_id: number;
}

export type GeoJsonPolygonal =
  | { type: 'Polygon'; coordinates: number[][][] }
  | { type: 'MultiPolygon'; coordinates: number[][][][] };

/**
 * Population counts. `age_band` 'all' and `ethnic_group` 'all' are the
 * publisher's totals; ethnic groups with a ':' (e.g. 'asian: bangladeshi')
 * are detailed groups within a broad one. Never add a total to its parts.
 */
export interface PopulationTable {
  /** e.g. 'census2021-ts007a', 'census2021-ts021', 'census2011-qs201ew', 'mye2015'. */
  source: string;
  area_code: string;
  year: number;
  sex: 'all' | 'female' | 'male';
  /** '0-4', '85+', 'all' …, as the publisher banded it. */
  age_band: string;
  ethnic_group: ColumnType<string, string | undefined, string>;
  value: number;
  batch_id: number;
}

/** A census table other than population counts: one value per area and category (a count, or e.g. density). */
export interface CensusMeasureTable {
  /** e.g. 'ts004' (country of birth), 'ts006' (density), 'ts037', 'ts065', 'ts067'. */
  census_table: string;
  area_code: string;
  /** The publisher's category label without the table's prefix, e.g. 'Europe: United Kingdom'; 'Total' for the total. */
  category: string;
  census_year: number;
  value: number;
  batch_id: number;
}

/** One deprivation domain for one LSOA (2011) in one edition of the English Indices of Deprivation. */
export interface DeprivationTable {
  /** Which publication the row came from, e.g. 'mhclg-iod2019', 'mhclg-imd2019-deciles', 'cdrc-imd2019'. */
  source: string;
  lsoa_code: string;
  edition: number;
  /** 'imd', 'income', 'employment', 'education', 'health', 'crime', 'housing', 'environment', 'idaci', 'idaopi', or a sub-domain. */
  domain: string;
  score: number | null;
  /** 1 is the most deprived LSOA in England. */
  rank: number | null;
  /** 1 is the most deprived 10% of LSOAs in England. */
  decile: number | null;
  batch_id: number;
}

/** A unit cost of crime from a named, versioned edition (replaceable as a whole). */
export interface UnitCostTable {
  edition: string;
  /** Prices the value is in, e.g. '2015/16'. */
  price_year: string;
  offence: string;
  cost_type: string;
  /** Pounds sterling per offence. */
  value: number;
  exactness: string;
  /** True for figures not taken from the official table (e.g. quoted by a secondary source). */
  provisional: boolean;
  source_note: string;
  batch_id: number;
}

/** Reference tables: areas by vintage, lookups, boundaries, population, census, deprivation, unit costs. */
export interface ReferenceTables {
  area_vintage: AreaVintageTable;
  area_lookup: AreaLookupTable;
  boundary: BoundaryTable;
  population: PopulationTable;
  census_measure: CensusMeasureTable;
  deprivation: DeprivationTable;
  unit_cost: UnitCostTable;
}
