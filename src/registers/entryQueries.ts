import { type Kysely, sql } from 'kysely';
import { recordAudit } from '../audit/recordAudit.ts';
import type { Actor } from '../auth/policy.ts';
import type { DB } from '../db/schema.ts';
import type { Value } from './entryValues.ts';
import { rightsFor } from './readers.ts';
import { RegisterRefusedError } from './registerErrors.ts';
import type { RegisterDefinition } from './registerSchema.ts';

/*
 * Reading entries, always through the reader's rights (deny by default): a register the actor may not read gives
 * nothing (counts go through registerCounts, with disclosure control); drafts are seen only by their author;
 * personal fields only by the register's personal readers. Every read of an OFFICIAL-SENSITIVE entry, and every
 * list of them, is in the audit log.
 */

export interface EntryFilter {
  from?: string;
  to?: string;
  ward?: string;
  lsoa?: string;
  /** Words the entry's text contains (reference, text, choices). */
  search?: string;
  /** Only the actor's drafts. */
  drafts?: boolean;
  /** A choice field's value, e.g. { outcome: 'fail' }. */
  choice?: { field: string; value: string };
  /** Several choice fields' values at once (the list page's filters); each must match. */
  choices?: readonly { field: string; value: string }[];
  limit?: number;
  offset?: number;
}

export interface EntrySummary {
  id: number;
  reference: string;
  status: 'draft' | 'submitted';
  occurredOn: string | null;
  wardCode: string | null;
  lsoaCode: string | null;
  lon: number | null;
  lat: number | null;
  data: Record<string, Value>;
  ownerAgency: string;
  updatedAt: Date;
}

const summaryOf = (r: {
  id: number;
  reference: string | null;
  status: 'draft' | 'submitted';
  occurred_on: string | null;
  ward_code: string | null;
  lsoa_code: string | null;
  lon: number | null;
  lat: number | null;
  data: unknown;
  owner_agency: string;
  updated_at: Date;
}): EntrySummary => ({
  id: r.id,
  reference: r.reference ?? `#${r.id}`,
  status: r.status,
  occurredOn: r.occurred_on === null ? null : String(r.occurred_on).slice(0, 10),
  wardCode: r.ward_code,
  lsoaCode: r.lsoa_code,
  lon: r.lon,
  lat: r.lat,
  data: r.data as Record<string, Value>,
  ownerAgency: r.owner_agency,
  updatedAt: r.updated_at,
});

const auditActor = (actor: Actor) => ({ userId: actor.id, email: actor.email, agency: actor.agency });

/** A page of entries (newest first) and how many match, or a refusal when the actor may not read the register. */
export async function listEntries(
  db: Kysely<DB>,
  actor: Actor,
  register: RegisterDefinition,
  filter: EntryFilter = {},
  now: Date = new Date(),
): Promise<{ entries: EntrySummary[]; total: number }> {
  if (!(await rightsFor(db, actor, register)).read) throw new RegisterRefusedError(`You may not read ${register.name}`);
  let q = db.selectFrom('register_entry').where('register_id', '=', register.id);
  q = filter.drafts
    ? q.where('status', '=', 'draft').where('created_by', '=', actor.id)
    : q.where('status', '=', 'submitted');
  if (filter.from) q = q.where('occurred_on', '>=', filter.from);
  if (filter.to) q = q.where('occurred_on', '<=', filter.to);
  if (filter.ward) q = q.where('ward_code', '=', filter.ward);
  if (filter.lsoa) q = q.where('lsoa_code', '=', filter.lsoa);
  for (const word of (filter.search ?? '').toLowerCase().split(/\s+/).filter(Boolean))
    q = q.where('search_text', 'like', `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  for (const choice of [...(filter.choice ? [filter.choice] : []), ...(filter.choices ?? [])])
    q = q.where(sql<string>`data ->> ${choice.field}`, '=', choice.value);
  const [rows, count] = await Promise.all([
    q
      .select([
        'id',
        'reference',
        'status',
        'occurred_on',
        'ward_code',
        'lsoa_code',
        'lon',
        'lat',
        'data',
        'owner_agency',
        'updated_at',
      ])
      .orderBy('occurred_on', 'desc')
      .orderBy('id', 'desc')
      .limit(filter.limit ?? 50)
      .offset(filter.offset ?? 0)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const entries = rows.map(summaryOf);
  if (register.classification === 'restricted' && entries.length > 0)
    await db.transaction().execute((trx) =>
      recordAudit(
        trx,
        {
          action: 'register.read',
          actor: auditActor(actor),
          subjectType: 'register',
          subjectId: register.id,
          details: { list: true, references: entries.map((e) => e.reference) },
        },
        now,
      ),
    );
  return { entries, total: Number(count.n) };
}

export interface EntryDetail extends EntrySummary {
  personal: Record<string, Value> | null;
  personalRemovedAt: Date | null;
  createdByEmail: string;
  createdAt: Date;
  version: number;
}

/** One entry as the actor may see it (null when there is none they may see); a read of OFFICIAL-SENSITIVE is audited. */
export async function getEntry(
  db: Kysely<DB>,
  actor: Actor,
  register: RegisterDefinition,
  id: number,
  now: Date = new Date(),
): Promise<EntryDetail | null> {
  const rights = await rightsFor(db, actor, register);
  if (!rights.read) throw new RegisterRefusedError(`You may not read ${register.name}`);
  const row = await db
    .selectFrom('register_entry')
    .selectAll()
    .where('register_id', '=', register.id)
    .where('id', '=', id)
    .where((eb) => eb.or([eb('status', '=', 'submitted'), eb('created_by', '=', actor.id)]))
    .executeTakeFirst();
  if (!row) return null;
  if (register.classification === 'restricted')
    await db.transaction().execute((trx) =>
      recordAudit(
        trx,
        {
          action: 'register.read',
          actor: auditActor(actor),
          subjectType: 'register_entry',
          subjectId: row.id,
          details: { register: register.id, reference: row.reference, personal: rights.readPersonal },
        },
        now,
      ),
    );
  return {
    ...summaryOf(row),
    personal: rights.readPersonal ? ((row.personal ?? {}) as Record<string, Value>) : null,
    personalRemovedAt: row.personal_removed_at,
    createdByEmail: row.created_by_email,
    createdAt: row.created_at,
    version: row.version,
  };
}

/** Every version of an entry the actor may read, oldest first (personal fields by name only). */
export async function entryHistory(db: Kysely<DB>, actor: Actor, register: RegisterDefinition, id: number) {
  if (!(await rightsFor(db, actor, register)).read) throw new RegisterRefusedError(`You may not read ${register.name}`);
  const rows = await db
    .selectFrom('register_entry_version as v')
    .innerJoin('register_entry as e', 'e.id', 'v.entry_id')
    .select([
      'v.version',
      'v.change',
      'v.status',
      'v.data',
      'v.personal_fields_changed',
      'v.reason',
      'v.changed_by_email',
      'v.changed_at',
    ])
    .where('e.register_id', '=', register.id)
    .where('e.id', '=', id)
    .where((eb) => eb.or([eb('e.status', '=', 'submitted'), eb('e.created_by', '=', actor.id)]))
    .orderBy('v.version')
    .execute();
  return rows.map((r) => ({
    version: r.version,
    change: r.change,
    status: r.status,
    data: r.data as Record<string, Value>,
    personalFieldsChanged: r.personal_fields_changed as string[],
    reason: r.reason,
    changedBy: r.changed_by_email,
    changedAt: r.changed_at,
  }));
}
