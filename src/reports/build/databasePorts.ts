import type { Kysely } from 'kysely';
import { resolveArea } from '../../analysis/areas.ts';
import type { DB } from '../../db/schema.ts';
import type { Definition } from '../../domain/definitions/definitionSchema.ts';
import { areaShapesIn } from '../../maps/boundaries.ts';
import type { ReportPorts } from './reportPorts.ts';

/** The ports that read reference data straight from the database; `analyse` is the caller's (it decides release). */
export function reportPorts(db: Kysely<DB>, definitions: readonly Definition[]): Omit<ReportPorts, 'analyse'> {
  return {
    resolveArea: (area) => resolveArea(db, area),
    shapes: (borough, level) => areaShapesIn(db, borough, level),
    definitions: async () => definitions,
  };
}
