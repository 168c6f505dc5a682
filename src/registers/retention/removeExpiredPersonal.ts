import type { Kysely } from 'kysely';
import { type AuditActor, recordAudit } from '../../audit/recordAudit.ts';
import type { DB } from '../../db/schema.ts';
import type { RegisterSet } from '../loadRegisters.ts';
import { retentionCutoff } from './retentionCutoff.ts';

/*
 * The retention job: the personal fields of every entry whose date plus its register's retention.personalMonths
 * is before today are removed (personal set to NULL, personal_removed_at stamped), each with a 'personal-removed'
 * version row naming the fields but never their values, and one 'register.retention' audit entry per run with the
 * count, all in one transaction. The entry, its non-personal fields, its place and so every count stay as they
 * were. A second run finds nothing left to remove.
 */

export interface RemovedPersonal {
  register: string;
  entryId: number;
  reference: string | null;
  occurredOn: string;
  fields: string[];
}

export interface RetentionRun {
  today: string;
  dryRun: boolean;
  /** Per register with personal fields: its retention and the date before which entries lose them. */
  registers: { register: string; personalMonths: number; cutoff: string }[];
  removed: RemovedPersonal[];
}

export interface RetentionOptions {
  now: Date;
  dryRun: boolean;
  /** Who runs it: the scheduled job is the system, the command its operator. */
  actor: AuditActor;
}

export async function removeExpiredPersonal(
  db: Kysely<DB>,
  registers: RegisterSet,
  options: RetentionOptions,
): Promise<RetentionRun> {
  const today = options.now.toISOString().slice(0, 10);
  const kept = registers.all.filter((r) => r.retention !== undefined && r.fields.some((f) => f.personal));
  const plan = kept.map((r) => ({
    register: r.id,
    personalMonths: r.retention?.personalMonths ?? 0,
    cutoff: retentionCutoff(today, r.retention?.personalMonths ?? 0),
  }));
  return db.transaction().execute(async (trx) => {
    const removed: RemovedPersonal[] = [];
    for (const p of plan) {
      const rows = await trx
        .selectFrom('register_entry')
        .select(['id', 'reference', 'occurred_on', 'status', 'version', 'data', 'personal'])
        .where('register_id', '=', p.register)
        .where('personal', 'is not', null)
        .where('occurred_on', '<', p.cutoff)
        .orderBy('id')
        .forUpdate()
        .execute();
      for (const row of rows) {
        const fields = Object.keys((row.personal ?? {}) as Record<string, unknown>).sort();
        removed.push({
          register: p.register,
          entryId: row.id,
          reference: row.reference,
          occurredOn: String(row.occurred_on),
          fields,
        });
        if (options.dryRun) continue;
        const version = row.version + 1;
        await trx
          .updateTable('register_entry')
          .set({ personal: null, personal_removed_at: options.now, version, updated_at: options.now })
          .where('id', '=', row.id)
          .execute();
        await trx
          .insertInto('register_entry_version')
          .values({
            entry_id: row.id,
            version,
            change: 'personal-removed',
            status: row.status,
            data: JSON.stringify(row.data),
            personal_fields_changed: JSON.stringify(fields),
            reason: `Retention: personal fields are kept for ${p.personalMonths} months after the entry's date`,
            changed_by: options.actor.userId,
            changed_by_email: options.actor.email,
            changed_at: options.now,
          })
          .execute();
      }
    }
    if (!options.dryRun)
      await recordAudit(
        trx,
        {
          action: 'register.retention',
          actor: options.actor,
          subjectType: 'register',
          subjectId: 'all',
          details: {
            today,
            count: removed.length,
            byRegister: Object.fromEntries(
              plan.map((p) => [p.register, removed.filter((r) => r.register === p.register).length]),
            ),
          },
        },
        options.now,
      );
    return { today, dryRun: options.dryRun, registers: plan, removed };
  });
}
