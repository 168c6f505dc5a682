/** Tables for police.uk street, outcomes and stop-and-search records (filled in by the police.uk importers). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PoliceUkTables {}
