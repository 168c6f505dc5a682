import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { RegisterSet } from './loadRegisters.ts';
import { type BoroughPlaces, boroughPlaces } from './places.ts';

/** What saving, importing and counting entries need besides the database: the registers, the borough, the date. */
export interface RegisterContext {
  registers: RegisterSet;
  places: BoroughPlaces;
  now: Date;
  /** YYYY-MM-DD (UTC) of `now`: what is "in the future". */
  today: string;
}

export async function registerContext(
  db: Kysely<DB>,
  registers: RegisterSet,
  boroughCode: string,
  now: Date = new Date(),
): Promise<RegisterContext> {
  return { registers, places: await boroughPlaces(db, boroughCode), now, today: now.toISOString().slice(0, 10) };
}
