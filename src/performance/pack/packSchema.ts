import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { z } from 'zod';

/*
 * The pack's own settings, as data beside the report templates (templates/packs/): which classification the
 * financial-year crime table uses and the basket, baseline year and target of the target-against-baseline table.
 * A partnership changes its basket or target by editing the file (with a new version), not the code.
 */

const BasketItem = z
  .object({
    classification: z.enum(['ho_aligned', 'mps_old']),
    major: z.string().min(1),
    minor: z.string().min(1).optional(),
  })
  .strict();

export const PackDefinition = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    version: z.number().int().positive(),
    title: z.string().min(1),
    citation: z.string().min(1),
    crimeTable: z.object({ classification: z.enum(['ho_aligned', 'mps_old']) }).strict(),
    baseline: z
      .object({
        title: z.string().min(1),
        baselineYear: z.string().regex(/^\d{4}\/\d{2}$/, 'a financial year such as 2011/12'),
        targetPercent: z.number().finite(),
        toleranceFraction: z.number().min(0).max(1),
        citation: z.string().min(1),
        basket: z.array(BasketItem).min(1),
      })
      .strict(),
  })
  .strict();
export type PackDefinition = z.infer<typeof PackDefinition>;

export const PACK_FILE = resolve(import.meta.dirname, '../../../templates/packs/performance-pack.json');

/** Reads and checks the pack definition; a broken file names itself and the field. */
export async function loadPackDefinition(file: string = PACK_FILE): Promise<PackDefinition> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: cannot be read as JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = PackDefinition.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: ${issue?.path.join('.') || '(top level)'}: ${issue?.message ?? 'not a pack definition'}`);
  }
  return parsed.data;
}
