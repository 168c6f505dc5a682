import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditAction } from '../../../audit/recordAudit.ts';
import { recordAuditAlone } from '../../../audit/auditTogether.ts';
import { deliveryVersion } from '../../../delivery/deliveryVersion.ts';
import { panelFactsVersion } from '../../../panels/counts/panelCountPort.ts';
import { performanceVersion } from '../../../performance/store/performanceVersion.ts';
import { registerVersion } from '../../../registers/counts/registerVersion.ts';
import { createTestDb, type TestDb } from '../../../../test/createTestDb.ts';
import { personalVersions } from './personalPageKey.ts';
import { insertReferralFacts } from '../../../panels/testing/referralFacts.ts';

/*
 * The four versions asked in one statement read exactly as the four functions do, so no cache key changes
 * meaning: on an empty database, after delivery and register changes (SYNTHETIC audit rows), an unrelated audit
 * row (neither moves) and panel facts.
 */

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
}, 120_000);
afterAll(async () => t?.drop());

const separately = async () =>
  [
    await deliveryVersion(t.database.db),
    await performanceVersion(t.database.db),
    await registerVersion(t.database.db),
    await panelFactsVersion(t.database.db),
  ].join('|');

const audit = (action: AuditAction) =>
  recordAuditAlone(t.database.db, {
    action,
    actor: { userId: null, email: 'synthetic@test.invalid', agency: 'local_authority' },
    subjectType: 'test',
    subjectId: 1,
  });

describe('personalVersions', () => {
  it('equals the four versions read one by one, as each moves', async () => {
    // By hand: nothing yet is 0 for delivery and registers, 0.0.0 for performance, no panel facts.
    expect(await personalVersions(t.database.db)).toBe('0|0.0.0|0|panel-facts:0:0');
    expect(await personalVersions(t.database.db)).toBe(await separately());
    await audit('plan.item.status');
    await audit('sign-in');
    await audit('register.entry.create');
    const ids = (await t.database.db.selectFrom('audit_log').select('id').orderBy('id').execute()).map((r) => r.id);
    expect(ids).toHaveLength(3);
    // Delivery's newest is the first row, registers' the third; the sign-in moves neither.
    expect(await personalVersions(t.database.db)).toBe(`${ids[0]}|0.0.0|${ids[2]}|panel-facts:0:0`);
    await insertReferralFacts(t.database.db, 2, '2026-05-01');
    const key = await personalVersions(t.database.db);
    expect(key).toMatch(/\|panel-facts:2:[0-9]+$/);
    expect(key).toBe(await separately());
  });
});
