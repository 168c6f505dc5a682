import { sql } from 'kysely';
import type { AreaTable } from '../../db/tables/core.ts';
import type { LoadContext } from '../layout.ts';

export interface AreaInVintage {
  code: string;
  type: AreaTable['type'];
  vintage: string;
  name: string;
  parentCode: string | null;
}

/** Outcome of offering an area: a different parent for the same area and vintage is a contradiction in the file. */
export type AreaOffer = { ok: true } | { ok: false; previousParent: string | null };

/**
 * Collects the areas a lookup or boundary file describes, then records them:
 * membership of their vintage in `area_vintage`, and the newest description
 * of each code in `area` (so `safer areas` and other importers see them).
 * Nothing here is specific to one borough: parents come from the file.
 */
export class AreaWriter {
  private readonly areas = new Map<string, AreaInVintage>();

  constructor(private readonly ctx: LoadContext) {}

  offer(area: AreaInVintage): AreaOffer {
    const key = `${area.code}\u0001${area.vintage}`;
    const seen = this.areas.get(key);
    if (!seen) {
      this.areas.set(key, area);
      return { ok: true };
    }
    if (seen.parentCode !== area.parentCode) return { ok: false, previousParent: seen.parentCode };
    return { ok: true };
  }

  /** First offer wins; for areas whose pieces legitimately fall in several parents (LSOA 2011 'X' changes). */
  offerFirst(area: AreaInVintage): void {
    const key = `${area.code}\u0001${area.vintage}`;
    if (!this.areas.has(key)) this.areas.set(key, area);
  }

  get size(): number {
    return this.areas.size;
  }

  async finish(): Promise<void> {
    if (this.ctx.problems.any || this.areas.size === 0) return;
    const { trx, batchId } = this.ctx;
    await sql`CREATE TEMP TABLE staging_area_vintage (LIKE area_vintage) ON COMMIT DROP`.execute(trx);
    const rows = [...this.areas.values()].map((a) => [a.code, a.vintage, a.type, a.name, a.parentCode, batchId]);
    for (let i = 0; i < rows.length; i += 20_000) {
      await this.ctx.copy(
        'staging_area_vintage',
        ['area_code', 'vintage', 'type', 'name', 'parent_code', 'batch_id'],
        rows.slice(i, i + 20_000),
      );
    }
    await sql`
      INSERT INTO area_vintage (area_code, vintage, type, name, parent_code, batch_id)
      SELECT area_code, vintage, type, name, parent_code, batch_id FROM staging_area_vintage
      ON CONFLICT (area_code, vintage) DO UPDATE SET
        type = excluded.type, name = excluded.name, batch_id = excluded.batch_id,
        parent_code = coalesce(excluded.parent_code, area_vintage.parent_code)`.execute(trx);
    // `area` keeps one row per code: the description from the newest vintage wins
    // ('' sorts first, so an area first seen without a vintage takes one here).
    await sql`
      INSERT INTO area (code, name, type, vintage, parent_code, batch_id)
      SELECT DISTINCT ON (area_code) area_code, name, type, vintage, parent_code, batch_id
      FROM staging_area_vintage ORDER BY area_code, vintage DESC
      ON CONFLICT (code) DO UPDATE SET
        name = CASE WHEN excluded.vintage >= area.vintage THEN excluded.name ELSE area.name END,
        parent_code = CASE WHEN excluded.vintage >= area.vintage THEN coalesce(excluded.parent_code, area.parent_code)
                           ELSE coalesce(area.parent_code, excluded.parent_code) END,
        batch_id = CASE WHEN excluded.vintage >= area.vintage THEN excluded.batch_id ELSE area.batch_id END,
        vintage = greatest(area.vintage, excluded.vintage)`.execute(trx);
    await sql`DROP TABLE staging_area_vintage`.execute(trx);
  }
}
