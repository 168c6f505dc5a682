/** Reference tables: lookups, boundaries, population, deprivation. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ReferenceTables {}
