/** Record-level partner extracts (police and ISTV A&E). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PartnerTables {}
