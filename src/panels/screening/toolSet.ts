import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/*
 * SCAFFOLD (issue 21, helper "screening" replaces this file): the screening tools read from `screening-tools/*.json`,
 * checked, and each version copied into `screening_tool`.
 */
export interface ScreeningToolSet {
  readonly all: readonly { id: string; version: number; title: string }[];
}

export async function loadScreeningTools(_db: Kysely<DB>): Promise<ScreeningToolSet> {
  return { all: [] };
}
