import { decodeUtf8 } from './decodeUtf8.ts';
import { parseRecommendations } from './parseRecommendations.ts';
import { parseVruReturn } from './parseVruReturn.ts';
import type { ParsedPlan } from './parsedPlan.ts';
import { readPlanTemplate } from './readPlanTemplate.ts';

/* From a file's bytes to a parsed plan of the kind asked for. Pure: the caller reads the file. */

export const IMPORT_KINDS = ['vru-return', 'recommendations', 'plan'] as const;
export type PlanImportKind = (typeof IMPORT_KINDS)[number];

export const isImportKind = (kind: string): kind is PlanImportKind =>
  (IMPORT_KINDS as readonly string[]).includes(kind);

/** The plan a file holds; async because Safer's template may come as XLSX (read by exceljs). */
export async function readPlanFile(bytes: Uint8Array, file: string, kind: PlanImportKind): Promise<ParsedPlan> {
  if (kind === 'plan') return readPlanTemplate(bytes, file);
  const text = decodeUtf8(bytes, file);
  return kind === 'vru-return' ? parseVruReturn(text, file) : parseRecommendations(text, file);
}
