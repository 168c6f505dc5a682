import { type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import type { Actor } from '../../auth/policy.ts';
import { groupedAudit } from '../../audit/groupedAudit.ts';
import { recordAudit } from '../../audit/recordAudit.ts';
import type { DB } from '../../db/schema.ts';
import type { PanelRole } from '../../db/tables/panels.ts';

/*
 * Need to know (issue 21, decision 0017). A person reads a case only while they are
 *   - a current member of its panel (joined, not left), or
 *   - the referrer of the referral that opened it, or
 *   - its allocated worker, or
 *   - holding an unexpired break-glass grant for it (a reason, audited, reported to the panel's chair).
 * Nobody else: not their agency's other staff, not a partnership manager, not an administrator (who may break
 * glass like anyone, and is then audited like anyone). Refusals look like absence ("not found"), so a list, a
 * search or an address never confirms that a case exists. API tokens never read case content (src/http/api).
 *
 * `caseAccess` answers for one case; `readableCases` is the same rule as SQL for lists and search, so the two
 * cannot drift (caseAccess.test.ts checks them against each other).
 */

export type CaseAccessVia = 'member' | 'allocated' | 'referrer' | 'break-glass';

export interface CaseAccess {
  caseId: number;
  panelId: string;
  via: CaseAccessVia;
  /** The reader's role on the case's panel, when a member. */
  panelRole: PanelRole | null;
}

/** How long a break-glass grant lasts. */
export const BREAK_GLASS_HOURS = 8;

const today = (now: Date): string => now.toISOString().slice(0, 10);

/** Who reads and when, as the values the rule's SQL compares with: the user, the day and the moment. */
export interface ReaderAt {
  userId: number;
  day: string;
  now: Date;
}

export const readerAt = (actor: Actor, now: Date): ReaderAt => ({ userId: actor.id, day: today(now), now });

/** The actor's current role on a panel, or null. */
export async function panelRole(db: Kysely<DB>, actor: Actor, panelId: string, now: Date): Promise<PanelRole | null> {
  const row = await db
    .selectFrom('panel_member')
    .select('role')
    .where('panel_id', '=', panelId)
    .where('user_id', '=', actor.id)
    .where('joined_on', '<=', today(now))
    .where((eb) => eb.or([eb('left_on', 'is', null), eb('left_on', '>', today(now))]))
    .executeTakeFirst();
  return row?.role ?? null;
}

/** The panels the actor currently sits on, with their role. */
export async function panelsOf(db: Kysely<DB>, actor: Actor, now: Date): Promise<Map<string, PanelRole>> {
  const rows = await db
    .selectFrom('panel_member')
    .select(['panel_id', 'role'])
    .where('user_id', '=', actor.id)
    .where('joined_on', '<=', today(now))
    .where((eb) => eb.or([eb('left_on', 'is', null), eb('left_on', '>', today(now))]))
    .execute();
  return new Map(rows.map((r) => [r.panel_id, r.role]));
}

/**
 * The rule as a condition on `panel_case` (aliased `c`): use in every list, search and count of cases.
 * The ORDER of the checks in `caseAccess` below gives `via`; this only says yes or no.
 */
export function readableCases(actor: Actor, now: Date) {
  return readableCasesAt(readerAt(actor, now));
}

/** readableCases with its values given (a prepared query fills them in: src/db/preparedQuery.ts). */
export function readableCasesAt({ userId, day, now }: ReaderAt) {
  return (eb: ExpressionBuilder<DB & { c: DB['panel_case'] }, 'c'>) =>
    eb.or([
      eb.exists(
        eb
          .selectFrom('panel_member as m')
          .select(sql`1`.as('one'))
          .whereRef('m.panel_id', '=', 'c.panel_id')
          .where('m.user_id', '=', userId)
          .where('m.joined_on', '<=', day)
          .where((w) => w.or([w('m.left_on', 'is', null), w('m.left_on', '>', day)])),
      ),
      eb('c.allocated_to', '=', userId),
      eb.exists(
        eb
          .selectFrom('referral as r')
          .select(sql`1`.as('one'))
          .whereRef('r.id', '=', 'c.referral_id')
          .where('r.referrer_id', '=', userId),
      ),
      eb.exists(
        eb
          .selectFrom('case_read_grant as g')
          .select(sql`1`.as('one'))
          .whereRef('g.case_id', '=', 'c.id')
          .where('g.user_id', '=', userId)
          .where('g.expires_at', '>', now),
      ),
    ]);
}

type CaseRow = ExpressionBuilder<DB & { c: DB['panel_case'] }, 'c'>;

/** The reader's current role on the panel of case `c` (no row: not a current member). */
function roleOnCasePanel(eb: CaseRow, { userId, day }: ReaderAt) {
  return eb
    .selectFrom('panel_member as m')
    .select('m.role')
    .whereRef('m.panel_id', '=', 'c.panel_id')
    .where('m.user_id', '=', userId)
    .where('m.joined_on', '<=', day)
    .where((w) => w.or([w('m.left_on', 'is', null), w('m.left_on', '>', day)]))
    .limit(1);
}

/** Whether the actor is a current member of the panel of case `c`: what sealed preparation is shown on. */
export const isCurrentMember = (eb: CaseRow, reader: ReaderAt) => eb.exists(roleOnCasePanel(eb, reader));

/**
 * What deciding access needs beside the case's own columns, as columns of a query on `panel_case` (aliased `c`):
 * the actor's current role on its panel (`reader_role`), whether they hold an unexpired grant (`reader_granted`) and
 * the referrer (`reader_referrer`). `accessFrom` turns them into the answer; caseRecord.ts selects them with the
 * case's content, so a case page is one query.
 */
export function accessColumns(eb: CaseRow, reader: ReaderAt) {
  return [
    roleOnCasePanel(eb, reader).as('reader_role'),
    eb
      .exists(
        eb
          .selectFrom('case_read_grant as g')
          .select(sql`1`.as('one'))
          .whereRef('g.case_id', '=', 'c.id')
          .where('g.user_id', '=', reader.userId)
          .where('g.expires_at', '>', reader.now),
      )
      .as('reader_granted'),
    eb.selectFrom('referral as r').select('r.referrer_id').whereRef('r.id', '=', 'c.referral_id').as('reader_referrer'),
  ] as const;
}

export interface AccessRow {
  id: number;
  panel_id: string;
  allocated_to: number | null;
  reader_role: PanelRole | null;
  reader_granted: SqlBool | null;
  reader_referrer: number | null;
}

/** The rule, in its order (which gives `via`), applied to a row selected with accessColumns. */
export function accessFrom(row: AccessRow, actor: Pick<Actor, 'id'>): CaseAccess | null {
  const base = { caseId: row.id, panelId: row.panel_id, panelRole: row.reader_role };
  if (row.reader_role) return { ...base, via: 'member' };
  if (row.allocated_to === actor.id) return { ...base, via: 'allocated' };
  if (row.reader_referrer === actor.id) return { ...base, via: 'referrer' };
  return row.reader_granted ? { ...base, via: 'break-glass' } : null;
}

/** Whether and why the actor may read one case; null is "not found" to them. One query. */
export async function caseAccess(db: Kysely<DB>, actor: Actor, caseId: number, now: Date): Promise<CaseAccess | null> {
  const row = await db
    .selectFrom('panel_case as c')
    .select((eb) => ['c.id', 'c.panel_id', 'c.allocated_to', ...accessColumns(eb, readerAt(actor, now))])
    .where('c.id', '=', caseId)
    .executeTakeFirst();
  return row ? accessFrom(row, actor) : null;
}

/**
 * Writes the audit row every read of a case leaves: who, which case, by which right. Resolves once it is committed;
 * reads arriving together share a commit (audit/groupedAudit.ts), so 50 readers do not queue on the chain's lock.
 */
export async function recordCaseRead(
  db: Kysely<DB>,
  actor: Actor,
  access: CaseAccess,
  what: 'page' | 'api' | 'export' | 'subject-access',
  ip: string | undefined,
  now: Date,
): Promise<void> {
  await groupedAudit(db).record(
    {
      action: 'case.read',
      actor: { userId: actor.id, email: actor.email, agency: actor.agency },
      subjectType: 'panel_case',
      subjectId: access.caseId,
      ip,
      details: { via: access.via, what, panel: access.panelId },
    },
    now,
  );
}

export class BreakGlassError extends Error {
  override name = 'BreakGlassError';
}

/**
 * Breaking glass: a reason of at least 10 characters, a grant for BREAK_GLASS_HOURS, and an audit row, in one
 * transaction. Telling the chair is `notifyChair` (src/panels/access/breakGlassNotice.ts), after commit.
 * A case that does not exist is refused the same way as one the actor may not see.
 */
export async function breakGlass(
  db: Kysely<DB>,
  actor: Actor,
  caseId: number,
  reason: string,
  now: Date,
  ip?: string,
): Promise<{ grantId: number; expiresAt: Date }> {
  const text = reason.trim();
  if (text.length < 10) throw new BreakGlassError('reason: say why you need this case (at least 10 characters)');
  const expiresAt = new Date(now.getTime() + BREAK_GLASS_HOURS * 3600_000);
  return db.transaction().execute(async (trx) => {
    const exists = await trx.selectFrom('panel_case').select('id').where('id', '=', caseId).executeTakeFirst();
    if (!exists) throw new BreakGlassError('case: not found');
    const grant = await trx
      .insertInto('case_read_grant')
      .values({ case_id: caseId, user_id: actor.id, reason: text, granted_at: now, expires_at: expiresAt })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(
      trx,
      {
        action: 'case.break-glass',
        actor: { userId: actor.id, email: actor.email, agency: actor.agency },
        subjectType: 'panel_case',
        subjectId: caseId,
        ip,
        details: { reason: text, grant: grant.id, expiresAt: expiresAt.toISOString() },
      },
      now,
    );
    return { grantId: grant.id, expiresAt };
  });
}

/** A referral: its referrer, the members of the panel it went to, and whoever may read a case opened from it. */
export async function referralAccess(db: Kysely<DB>, actor: Actor, referralId: number, now: Date): Promise<boolean> {
  const r = await db
    .selectFrom('referral')
    .select(['id', 'panel_id', 'referrer_id'])
    .where('id', '=', referralId)
    .executeTakeFirst();
  if (!r) return false;
  if (r.referrer_id === actor.id) return true;
  if (await panelRole(db, actor, r.panel_id, now)) return true;
  const cases = await db.selectFrom('panel_case').select('id').where('referral_id', '=', referralId).execute();
  for (const c of cases) if (await caseAccess(db, actor, c.id, now)) return true;
  return false;
}
