import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/policy.ts';
import { canonicalJson } from '../../audit/auditEntry.ts';
import { recordAudit } from '../../audit/recordAudit.ts';
import type { DB } from '../../db/schema.ts';
import { Indicator } from '../indicatorSchema.ts';
import { PerformanceError } from '../performanceError.ts';
import { canEditIndicators } from './performancePolicy.ts';

/*
 * Indicator versions in the database. The files in indicators/ are the starter set and are copied in (sync);
 * a partnership manager's edit in the service is a new version with its reason. Nothing is ever changed in
 * place (migration 0019 refuses it), so a value always names the version it was reported under.
 */

export interface StoredIndicator {
  indicator: Indicator;
  origin: 'file' | 'service';
  changedAt: Date;
  changedBy: number | null;
  reason: string;
}

/** Copies in every file version not yet stored; a stored version whose body differs is a conflict, never overwritten. */
export async function syncIndicatorFiles(
  db: Kysely<DB>,
  indicators: readonly Indicator[],
): Promise<{ added: number; conflicts: string[] }> {
  const stored = await db.selectFrom('indicator_version').select(['indicator_id', 'version', 'body']).execute();
  // jsonb does not keep key order, so bodies are compared in canonical form (sorted keys).
  const have = new Map(stored.map((r) => [`${r.indicator_id}@${r.version}`, canonicalJson(r.body)]));
  const conflicts: string[] = [];
  const missing = indicators.filter((i) => {
    const body = have.get(`${i.id}@${i.version}`);
    if (body === undefined) return true;
    if (body !== canonicalJson(i))
      conflicts.push(
        `${i.id} version ${i.version}: the file differs from the stored version; give the change a new version`,
      );
    return false;
  });
  if (missing.length > 0)
    await db
      .insertInto('indicator_version')
      .values(
        missing.map((i) => ({
          indicator_id: i.id,
          version: i.version,
          body: JSON.stringify(i),
          origin: 'file' as const,
        })),
      )
      .onConflict((oc) => oc.columns(['indicator_id', 'version']).doNothing())
      .execute();
  return { added: missing.length, conflicts };
}

function toStored(r: {
  body: unknown;
  origin: 'file' | 'service';
  changed_at: Date;
  changed_by: number | null;
  reason: string;
}): StoredIndicator {
  return {
    indicator: Indicator.parse(r.body),
    origin: r.origin,
    changedAt: r.changed_at,
    changedBy: r.changed_by,
    reason: r.reason,
  };
}

/** The latest version of every indicator. */
export async function currentIndicators(db: Kysely<DB>): Promise<StoredIndicator[]> {
  const rows = await db
    .selectFrom('indicator_version as v')
    .selectAll('v')
    .where(({ eb, selectFrom }) =>
      eb(
        'v.version',
        '=',
        selectFrom('indicator_version as w')
          .select((w) => w.fn.max('w.version').as('m'))
          .whereRef('w.indicator_id', '=', 'v.indicator_id'),
      ),
    )
    .orderBy('v.indicator_id')
    .execute();
  return rows.map(toStored);
}

/** Every version of one indicator, oldest first. */
export async function indicatorVersions(db: Kysely<DB>, id: string): Promise<StoredIndicator[]> {
  const rows = await db
    .selectFrom('indicator_version')
    .selectAll()
    .where('indicator_id', '=', id)
    .orderBy('version')
    .execute();
  return rows.map(toStored);
}

/**
 * Saves an edit as the next version. `check` applies the same rules as the file loader (theme, definition,
 * category, baseline exist) and returns the problems; any problem refuses the edit and nothing is written.
 */
export async function saveIndicatorEdit(
  db: Kysely<DB>,
  actor: Actor,
  input: unknown,
  reason: string,
  check: (i: Indicator) => { field: string; message: string }[],
): Promise<Indicator> {
  if (!canEditIndicators(actor))
    throw new PerformanceError('FORBIDDEN', 'only a partnership manager can change indicators');
  const parsed = Indicator.safeParse(input);
  if (!parsed.success)
    throw new PerformanceError(
      'VALIDATION',
      'the indicator is not valid',
      parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
    );
  const problems = check(parsed.data);
  if (problems.length > 0) throw new PerformanceError('VALIDATION', 'the indicator is not valid', problems);
  if (reason.trim() === '')
    throw new PerformanceError('VALIDATION', 'say why the indicator changes', [
      { field: 'reason', message: 'Enter the reason for the change' },
    ]);
  return db.transaction().execute(async (trx) => {
    const last = await trx
      .selectFrom('indicator_version')
      .select((eb) => eb.fn.max('version').as('version'))
      .where('indicator_id', '=', parsed.data.id)
      .executeTakeFirst();
    if (last?.version == null) throw new PerformanceError('NOT_FOUND', `no indicator "${parsed.data.id}"`);
    const next: Indicator = { ...parsed.data, version: Number(last.version) + 1 };
    await trx
      .insertInto('indicator_version')
      .values({
        indicator_id: next.id,
        version: next.version,
        body: JSON.stringify(next),
        origin: 'service',
        changed_by: actor.id,
        reason: reason.trim(),
      })
      .execute();
    await recordAudit(trx, {
      action: 'indicator.edit',
      actor: { userId: actor.id, email: actor.email, agency: actor.agency },
      subjectType: 'indicator',
      subjectId: next.id,
      details: { version: next.version, reason: reason.trim() },
    });
    return next;
  });
}
