import type { Kysely } from 'kysely';
import { type AuditActor, recordAudit } from '../../audit/recordAudit.ts';
import type { DB } from '../../db/schema.ts';
import type { KeyRing } from '../crypto/keyRing.ts';
import { type SubjectAccessRecord, subjectAccessRecord } from './subjectAccess.ts';

/*
 * Producing a subject access record is itself a read of every case in it: one 'case.read' (what 'subject-access')
 * per case, and one 'subject-request.export', committed before the record is handed over.
 */

/**
 * The partnership's area for the PDF's cover, as other reports show it: its name from the imported boundaries, or
 * the configured code itself when they are not imported.
 */
export async function partnershipArea(db: Kysely<DB>, code: string): Promise<{ code: string; name: string }> {
  const area = await db.selectFrom('area').select(['code', 'name']).where('code', '=', code).executeTakeFirst();
  return area ?? { code, name: code };
}

export async function exportSubjectAccess(
  db: Kysely<DB>,
  ring: KeyRing,
  actor: AuditActor,
  personReference: string,
  options: { releasingAgency: string | null; requestId: number | null; format: string; now: Date; ip?: string },
): Promise<SubjectAccessRecord | null> {
  const record = await subjectAccessRecord(db, ring, personReference, options);
  if (!record) return null;
  const cases = await db
    .selectFrom('panel_case')
    .select(['id', 'panel_id'])
    .where('person_id', '=', record.person.id)
    .orderBy('id')
    .execute();
  await db.transaction().execute(async (trx) => {
    for (const c of cases)
      await recordAudit(
        trx,
        {
          action: 'case.read',
          actor,
          subjectType: 'panel_case',
          subjectId: c.id,
          ip: options.ip,
          details: { via: 'subject-access', what: 'subject-access', panel: c.panel_id },
        },
        options.now,
      );
    await recordAudit(
      trx,
      {
        action: 'subject-request.export',
        actor,
        subjectType: options.requestId === null ? 'person' : 'subject_request',
        subjectId: options.requestId ?? record.person.id,
        ip: options.ip,
        details: { person: personReference, format: options.format, cases: cases.length },
      },
      options.now,
    );
  });
  return record;
}
