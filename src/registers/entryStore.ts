import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/recordAudit.ts';
import type { Actor } from '../auth/policy.ts';
import type { DB } from '../db/schema.ts';
import { type Raw, readEntryValues, type ValueProblem } from './entryValues.ts';
import type { RegisterContext } from './registerContext.ts';
import { checkReferences, entryRowOf } from './entryRow.ts';
import { rightsFor } from './readers.ts';
import { RegisterEntryError, RegisterRefusedError } from './registerErrors.ts';

/*
 * Saving one entry from a form or the API: read the values (entryValues), place it in the borough, check its
 * references and that it is not a duplicate, then write the entry, its version row and the audit entry in one
 * transaction. A draft keeps whatever could be read and is seen only by its author; submitting needs every field
 * right. A refusal or a problem writes nothing.
 */

export interface SaveOptions {
  /** Edit this entry instead of creating one. */
  entryId?: number;
  /** Submit (every field must be right) or keep as a draft. */
  submit: boolean;
  /** Why a submitted entry was changed; required for an edit of a submitted entry. */
  reason?: string;
}

export interface SavedEntry {
  id: number;
  reference: string;
  status: 'draft' | 'submitted';
  /** A draft's outstanding problems (empty once submitted). */
  problems: ValueProblem[];
}

export const referenceOf = (prefix: string, occurredOn: string | null, id: number, now: Date): string =>
  `${prefix}-${occurredOn?.slice(0, 4) ?? now.getUTCFullYear()}-${String(id).padStart(4, '0')}`;

export async function saveEntry(
  db: Kysely<DB>,
  ctx: RegisterContext,
  actor: Actor,
  registerId: string,
  raw: Raw,
  options: SaveOptions,
): Promise<SavedEntry> {
  const register = ctx.registers.get(registerId);
  if (!register) throw new RegisterEntryError(`there is no register ${registerId}`, []);
  const rights = await rightsFor(db, actor, register);
  if (!rights.write) throw new RegisterRefusedError(`You may not add to or change the ${register.name} register`);
  const values = readEntryValues(register, raw, ctx.today);
  return db.transaction().execute(async (trx) => {
    const before =
      options.entryId === undefined
        ? undefined
        : await trx
            .selectFrom('register_entry')
            .selectAll()
            .where('id', '=', options.entryId)
            .where('register_id', '=', register.id)
            .forUpdate()
            .executeTakeFirst();
    if (options.entryId !== undefined && !before)
      throw new RegisterEntryError(`there is no ${register.entryName} ${options.entryId}`, []);
    if (before?.status === 'draft' && before.created_by !== actor.id)
      throw new RegisterRefusedError('A draft is changed only by the person who started it');
    const editingSubmitted = before?.status === 'submitted';
    if (editingSubmitted && !options.reason?.trim())
      throw new RegisterEntryError('Say why the entry is changed', [
        { field: 'reason', message: 'Reason: say why the entry is changed' },
      ]);
    // A writer who may not see personal fields leaves them as they were.
    if (!rights.readPersonal && before) values.personal = (before.personal ?? {}) as typeof values.personal;
    const checked = await checkReferences(trx, ctx, actor, values.references);
    const problems = [...values.problems, ...checked.problems];
    const row = entryRowOf(register, ctx, values, checked.places, problems);
    const submit = options.submit || editingSubmitted;
    if (submit && problems.length > 0) throw new RegisterEntryError(`The ${register.entryName} has problems`, problems);
    const status: 'draft' | 'submitted' = submit ? 'submitted' : 'draft';
    if (status === 'submitted') {
      const same = await trx
        .selectFrom('register_entry')
        .select('reference')
        .where('register_id', '=', register.id)
        .where('status', '=', 'submitted')
        .where('duplicate_key', '=', row.duplicate_key)
        .$if(before !== undefined, (q) => q.where('id', '<>', before?.id ?? 0))
        .executeTakeFirst();
      if (same)
        throw new RegisterEntryError(`This ${register.entryName} is already recorded as ${same.reference}`, [
          { field: register.duplicateKey[0] ?? 'reference', message: `Already recorded as ${same.reference}` },
        ]);
    }
    const common = {
      ...row,
      status,
      duplicate_key: status === 'submitted' ? row.duplicate_key : null,
      owner_agency: before?.owner_agency ?? actor.agency,
      definition_version: register.version,
    };
    let id: number;
    let version: number;
    let reference: string;
    if (before) {
      version = before.version + 1;
      reference = before.reference ?? referenceOf(register.referencePrefix, row.occurred_on, before.id, ctx.now);
      id = before.id;
      await trx
        .updateTable('register_entry')
        .set({
          ...common,
          reference,
          version,
          updated_at: ctx.now,
          search_text: `${reference.toLowerCase()} ${row.search_text}`,
        })
        .where('id', '=', before.id)
        .execute();
    } else {
      const inserted = await trx
        .insertInto('register_entry')
        .values({ ...common, register_id: register.id, created_by: actor.id, created_by_email: actor.email })
        .returning('id')
        .executeTakeFirstOrThrow();
      id = inserted.id;
      version = 1;
      reference = referenceOf(register.referencePrefix, row.occurred_on, id, ctx.now);
      await trx
        .updateTable('register_entry')
        .set({ reference, search_text: `${reference.toLowerCase()} ${row.search_text}` })
        .where('id', '=', id)
        .execute();
    }
    const beforePersonal = (before?.personal ?? {}) as Record<string, unknown>;
    const personalChanged = register.fields
      .filter((f) => f.personal)
      .map((f) => f.name)
      .filter((n) => JSON.stringify(beforePersonal[n]) !== JSON.stringify(values.personal[n]));
    const change = !before ? 'created' : before.status === 'draft' && status === 'submitted' ? 'submitted' : 'edited';
    await trx
      .insertInto('register_entry_version')
      .values({
        entry_id: id,
        version,
        change,
        status,
        data: row.data,
        personal_fields_changed: JSON.stringify(personalChanged),
        reason: options.reason?.trim() || null,
        changed_by: actor.id,
        changed_by_email: actor.email,
        changed_at: ctx.now,
      })
      .execute();
    await recordAudit(
      trx,
      {
        action:
          change === 'created'
            ? 'register.entry.create'
            : change === 'submitted'
              ? 'register.entry.submit'
              : 'register.entry.edit',
        actor: { userId: actor.id, email: actor.email, agency: actor.agency },
        subjectType: 'register_entry',
        subjectId: id,
        details: { register: register.id, reference, status, version, personalFieldsChanged: personalChanged },
      },
      ctx.now,
    );
    return { id, reference, status, problems: status === 'draft' ? problems : [] };
  });
}
