import type { Kysely } from 'kysely';
import { AnalysisError } from '../../analysis/figure.ts';
import type { Actor } from '../../auth/policy.ts';
import type { DB } from '../../db/schema.ts';
import { areaShapesIn } from '../../maps/boundaries.ts';
import type { ProvisionTableView, ReportPorts } from '../../reports/build/reportPorts.ts';
import type { ProvisionTable } from '../../reports/template/templateSchema.ts';
import type { Value } from '../entryValues.ts';
import type { RegisterSet } from '../loadRegisters.ts';
import { RegisterRefusedError } from '../registerErrors.ts';
import { fundingCliffTable, matrixTable } from './provisionTables.ts';
import {
  loadProvisionServices,
  type ProvisionService,
  provisionRegister,
  provisionServiceOf,
} from './provisionService.ts';

/** Who the report is built for: a signed-in reader (the register's read rights) or the operator at the CLI. */
export type ProvisionReader = { actor: Actor } | { operator: true };

/**
 * The report engine's `provision` port: the SNA's "Current provision" tables drawn from the services register when
 * the report is built. A reader sees what the register's rights let them read (a refusal makes the block
 * unavailable with the reason); the operator, who holds the database as `safer report build` does, sees every
 * submitted service.
 */
export function provisionReportPort(
  db: Kysely<DB>,
  registers: RegisterSet,
  boroughCode: string,
  reader: ProvisionReader,
  today: string,
): NonNullable<ReportPorts['provision']> {
  let services: Promise<ProvisionService[]> | null = null;
  return async (table: ProvisionTable): Promise<ProvisionTableView> => {
    services ??= servicesFor(db, registers, reader);
    const list = await services;
    const register = provisionRegister(registers);
    if (table === 'funding-cliff') return fundingCliffTable(list, today, register.name);
    const wards = ((await areaShapesIn(db, boroughCode, 'ward'))[0]?.shapes ?? [])
      .map((s) => ({ code: s.code, name: s.name }))
      .sort((a, b) => a.name.localeCompare(b.name));
    const needs = register.fields.find((f) => f.name === 'needs')?.vocabulary ?? [];
    return matrixTable(list, needs, wards, today, register.name);
  };
}

async function servicesFor(db: Kysely<DB>, registers: RegisterSet, reader: ProvisionReader) {
  if ('operator' in reader) {
    const rows = await db
      .selectFrom('register_entry')
      .select(['id', 'reference', 'data'])
      .where('register_id', '=', provisionRegister(registers).id)
      .where('status', '=', 'submitted')
      .execute();
    return rows
      .map((r) =>
        provisionServiceOf({ id: r.id, reference: r.reference ?? `#${r.id}`, data: r.data as Record<string, Value> }),
      )
      .sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
  }
  try {
    return await loadProvisionServices(db, reader.actor, registers);
  } catch (error) {
    // The engine shows an AnalysisError as the block's reason: the reader is told why, and sees nothing else.
    if (error instanceof RegisterRefusedError) throw new AnalysisError('UNSUPPORTED', error.message);
    throw error;
  }
}
