import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/recordAudit.ts';
import type { Actor } from '../auth/policy.ts';
import type { DB } from '../db/schema.ts';
import type { RegisterSet } from './loadRegisters.ts';
import { type RegisterRights, registerRights } from './registerPolicy.ts';
import { RegisterRefusedError } from './registerErrors.ts';
import type { RegisterDefinition } from './registerSchema.ts';

/** The registers whose named readership includes the actor. */
export async function namedRegisters(db: Kysely<DB>, userId: number): Promise<Set<string>> {
  const rows = await db.selectFrom('register_reader').select('register_id').where('user_id', '=', userId).execute();
  return new Set(rows.map((r) => r.register_id));
}

export async function rightsFor(db: Kysely<DB>, actor: Actor, register: RegisterDefinition): Promise<RegisterRights> {
  const named = register.namedReadership ? (await namedRegisters(db, actor.id)).has(register.id) : false;
  return registerRights(actor, register, named);
}

/** Every register with the actor's rights on it, in the set's order. */
export async function rightsForAll(
  db: Kysely<DB>,
  actor: Actor,
  registers: RegisterSet,
): Promise<{ register: RegisterDefinition; rights: RegisterRights }[]> {
  const named = await namedRegisters(db, actor.id);
  return registers.all.map((register) => ({
    register,
    rights: registerRights(actor, register, named.has(register.id)),
  }));
}

/** Names (or un-names) a reader of a register with a named readership: partnership managers only, audited. */
export async function setNamedReader(
  db: Kysely<DB>,
  actor: Actor,
  register: RegisterDefinition,
  userId: number,
  named: boolean,
  now: Date = new Date(),
): Promise<void> {
  if (!registerRights(actor, register, false).manageReaders)
    throw new RegisterRefusedError(`Only a partnership manager names the readers of ${register.name}`);
  await db.transaction().execute(async (trx) => {
    if (named)
      await trx
        .insertInto('register_reader')
        .values({ register_id: register.id, user_id: userId, granted_by: actor.email, granted_at: now })
        .onConflict((oc) => oc.doNothing())
        .execute();
    else
      await trx
        .deleteFrom('register_reader')
        .where('register_id', '=', register.id)
        .where('user_id', '=', userId)
        .execute();
    await recordAudit(
      trx,
      {
        action: named ? 'register.reader.grant' : 'register.reader.revoke',
        actor: { userId: actor.id, email: actor.email, agency: actor.agency },
        subjectType: 'register',
        subjectId: register.id,
        details: { userId },
      },
      now,
    );
  });
}
