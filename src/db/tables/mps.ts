/** Tables for MPS London Datastore series beyond monthly counts (VAWG, homicide, …). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface MpsTables {}
