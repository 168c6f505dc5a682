import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/policy.ts';
import type { DB } from '../../db/schema.ts';
import { listEntries } from '../entryQueries.ts';
import type { Value } from '../entryValues.ts';
import type { RegisterSet } from '../loadRegisters.ts';
import { RegisterRefusedError } from '../registerErrors.ts';
import type { RegisterDefinition } from '../registerSchema.ts';

/** The register the provision map is drawn from (registers/provision-services.json). */
export const PROVISION_REGISTER = 'provision-services';

/** One service on the provision map, typed from its register entry's values (fields left empty are null). */
export interface ProvisionService {
  id: number;
  reference: string;
  name: string;
  provider: string;
  serviceType: string | null;
  needs: string[];
  wholeBorough: boolean;
  /** Ward codes it covers (empty when it covers the whole borough or none were given). */
  wards: string[];
  capacity: number | null;
  caseload: number | null;
  fundingSource: string | null;
  /** YYYY-MM-DD. */
  fundingEndsOn: string | null;
  evidenceImpact: string | null;
  evidenceStrength: string | null;
  evidenceSource: string | null;
}

const text = (v: Value | undefined): string | null => (typeof v === 'string' && v !== '' ? v : null);
const whole = (v: Value | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const list = (v: Value | undefined): string[] =>
  Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];

/** A service from an entry's stored values (pure; values were checked against the register when saved). */
export function provisionServiceOf(entry: {
  id: number;
  reference: string;
  data: Readonly<Record<string, Value>>;
}): ProvisionService {
  const d = entry.data;
  return {
    id: entry.id,
    reference: entry.reference,
    name: text(d.name) ?? entry.reference,
    provider: text(d.provider) ?? '',
    serviceType: text(d.service_type),
    needs: list(d.needs),
    wholeBorough: d.whole_borough === true,
    wards: list(d.wards),
    capacity: whole(d.capacity),
    caseload: whole(d.caseload),
    fundingSource: text(d.funding_source),
    fundingEndsOn: text(d.funding_ends_on),
    evidenceImpact: text(d.evidence_impact),
    evidenceStrength: text(d.evidence_strength),
    evidenceSource: text(d.evidence_source),
  };
}

/** Does the service cover the ward: whole borough, or the ward listed. */
export const covers = (service: ProvisionService, wardCode: string): boolean =>
  service.wholeBorough || service.wards.includes(wardCode);

/** The provision register, or a refusal naming it when it is not among the registers described. */
export function provisionRegister(registers: RegisterSet): RegisterDefinition {
  const register = registers.get(PROVISION_REGISTER);
  if (!register) throw new RegisterRefusedError(`There is no register ${PROVISION_REGISTER} in registers/`);
  return register;
}

// The whole map is read at once: a partnership's services number in the tens or hundreds, not thousands.
const ALL_SERVICES = 10_000;

/**
 * Every submitted service the actor may read, by name, through the register's own read path (listEntries: the
 * reader's rights, deny by default). Throws RegisterRefusedError when the actor may not read the register.
 */
export async function loadProvisionServices(
  db: Kysely<DB>,
  actor: Actor,
  registers: RegisterSet,
): Promise<ProvisionService[]> {
  const { entries } = await listEntries(db, actor, provisionRegister(registers), { limit: ALL_SERVICES });
  return entries.map(provisionServiceOf).sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
}

/**
 * A short string that changes whenever a service is added, edited or submitted: the count of services, the sum of
 * their versions and the latest change. Services change without a data import, so a cached report build keys on this beside the data
 * version, or a new service would not reach the SNA's Current provision section until the next import.
 */
export async function provisionVersion(db: Kysely<DB>): Promise<string> {
  const row = await db
    .selectFrom('register_entry')
    .select((eb) => [
      eb.fn.countAll<string>().as('n'),
      // Every edit or submission raises an entry's version, even within the same millisecond.
      eb.fn.sum<string | null>('version').as('versions'),
      eb.fn.max('updated_at').as('latest'),
    ])
    .where('register_id', '=', PROVISION_REGISTER)
    .executeTakeFirstOrThrow();
  const latest = row.latest === null ? 0 : new Date(row.latest).getTime();
  return `${row.n}.${row.versions ?? 0}.${latest}`;
}
