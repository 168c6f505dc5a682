import { parseRecommendations } from './parseRecommendations.ts';
import { parseVruReturn } from './parseVruReturn.ts';
import { type ParsedPlan, PlanImportError } from './parsedPlan.ts';

/* From a file's bytes to a parsed plan of the kind asked for. Pure: the caller reads the file. */

export const IMPORT_KINDS = ['vru-return', 'recommendations'] as const;
export type PlanImportKind = (typeof IMPORT_KINDS)[number];

export const isImportKind = (kind: string): kind is PlanImportKind =>
  (IMPORT_KINDS as readonly string[]).includes(kind);

/** UTF-8 text, or an error naming the first line that is not. */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    let line = 1;
    let start = 0;
    for (let i = 0; i <= bytes.length; i++) {
      if (i < bytes.length && bytes[i] !== 0x0a) continue;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start, i));
      } catch {
        break;
      }
      line += 1;
      start = i + 1;
    }
    throw new PlanImportError(file, line, 'not UTF-8 text: save the document as UTF-8 text and import it again');
  }
}

export function readPlanFile(bytes: Uint8Array, file: string, kind: PlanImportKind): ParsedPlan {
  const text = decodeUtf8(bytes, file);
  return kind === 'vru-return' ? parseVruReturn(text, file) : parseRecommendations(text, file);
}
