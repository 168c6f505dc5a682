import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/createTestDb.ts';
import type { Actor } from '../../auth/policy.ts';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { loadIndicators } from '../loadIndicators.ts';
import type { Indicator } from '../indicatorSchema.ts';
import { PerformanceError } from '../performanceError.ts';
import { currentIndicators, syncIndicatorFiles } from '../store/indicatorStore.ts';
import { acceptedValues, getReturn, listReturns } from './returnQueries.ts';
import { acceptReturn, openQuarter, saveReturn, sendBackReturn } from './returnStore.ts';

// The whole quarterly cycle on the real starter indicators, both engines. Users are test accounts, no person's data.
let t: TestDb;
let db: Kysely<DB>;
let indicators: Indicator[];
const users: Record<string, Actor> = {};

async function user(key: string, agency: string, role: Actor['role']): Promise<void> {
  const row = await db
    .insertInto('app_user')
    .values({ email: `${key}@test.invalid`, agency_code: agency, role })
    .returning(['id', 'email'])
    .executeTakeFirstOrThrow();
  users[key] = { id: row.id, email: row.email, agency, role };
}
const u = (k: string) => users[k] as Actor;
const refused = async (p: Promise<unknown>, code: PerformanceError['code']) => {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PerformanceError);
  expect((error as PerformanceError).code).toBe(code);
  return error as PerformanceError;
};
const auditCount = async () =>
  Number(
    (
      await db
        .selectFrom('audit_log')
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  t = await createTestDb();
  db = t.database.db;
  await user('manager', 'local_authority', 'partnership_manager');
  await user('councilAnalyst', 'local_authority', 'analyst');
  await user('policeOwner', 'police', 'data_owner');
  await user('policeViewer', 'police', 'viewer');
  await user('healthAnalyst', 'health', 'analyst');
  const files = await loadIndicators();
  expect((await syncIndicatorFiles(db, files.indicators)).added).toBe(files.indicators.length);
  indicators = (await currentIndicators(db)).map((s) => s.indicator);
}, 60_000);
afterAll(async () => t?.drop());

const policeAsks = () => indicators.filter((i) => i.leadAgency === 'police' && i.source.kind === 'returned');
const fullEntries = () =>
  Object.fromEntries(policeAsks().map((i) => [i.id, { value: i.unit.kind === 'percentage' ? '50' : '100' }]));
const policeReturn = async () =>
  (await listReturns(db, { quarter: '2015/16 Q2', agencies: ['police'] }))[0]?.id as number;

describe('indicator files in the database', () => {
  it('copies each file version once and refuses to overwrite a changed one', async () => {
    const files = await loadIndicators();
    expect(await syncIndicatorFiles(db, files.indicators)).toEqual({ added: 0, conflicts: [] });
    const changed = files.indicators.map((i) => (i.id === 'asb-calls' ? { ...i, name: 'Renamed' } : i));
    const r = await syncIndicatorFiles(db, changed);
    expect(r.added).toBe(0);
    expect(r.conflicts).toEqual([
      'asb-calls version 1: the file differs from the stored version; give the change a new version',
    ]);
  });
});

describe('the quarterly return cycle', () => {
  it('only a partnership manager opens a quarter, with a real quarter and a due date after it ends', async () => {
    await refused(
      openQuarter(db, u('councilAnalyst'), { quarter: '2015/16 Q2', dueOn: '2015-10-31', indicators }),
      'FORBIDDEN',
    );
    await refused(
      openQuarter(db, u('manager'), { quarter: '2015/16 Q5', dueOn: '2015-10-31', indicators }),
      'VALIDATION',
    );
    await refused(
      openQuarter(db, u('manager'), { quarter: '2015/16 Q2', dueOn: '2015-09-30', indicators }),
      'VALIDATION',
    );
    const opened = await openQuarter(db, u('manager'), { quarter: '2015/16 Q2', dueOn: '2015-10-31', indicators });
    // Every lead agency with a returned indicator in the starter set, and only those.
    const agencies = [
      ...new Set(indicators.filter((i) => i.source.kind === 'returned').map((i) => i.leadAgency)),
    ].sort();
    expect(opened).toEqual({ opened: agencies, alreadyOpen: [] });
    expect(await openQuarter(db, u('manager'), { quarter: '2015/16 Q2', dueOn: '2015-10-31', indicators })).toEqual({
      opened: [],
      alreadyOpen: agencies,
    });
    const ret = await getReturn(db, await policeReturn(), '2015-11-01');
    expect(ret.asks.map((i) => i.id)).toEqual(
      policeAsks()
        .map((i) => i.id)
        .sort(),
    );
    expect(ret).toMatchObject({ status: 'open', late: true, periodStart: '2015-07-01', periodEnd: '2015-09-30' });
    expect((await getReturn(db, ret.id, '2015-10-31')).late).toBe(false);
  });

  it('only the agency enters its return; a viewer cannot; an invalid value saves nothing', async () => {
    const id = await policeReturn();
    await refused(saveReturn(db, u('policeViewer'), id, { entries: fullEntries(), submit: false }), 'FORBIDDEN');
    await refused(saveReturn(db, u('healthAnalyst'), id, { entries: fullEntries(), submit: false }), 'FORBIDDEN');
    const before = await auditCount();
    const bad = await refused(
      saveReturn(db, u('policeOwner'), id, {
        entries: { ...fullEntries(), 'asb-calls': { value: 'lots' }, 'victim-satisfaction': { value: '130' } },
        submit: true,
      }),
      'VALIDATION',
    );
    expect(bad.problems).toEqual([
      { indicatorId: 'asb-calls', field: 'value', message: 'Enter the value as a number, like 1,234' },
      {
        indicatorId: 'victim-satisfaction',
        field: 'value',
        message: 'A percentage cannot be more than 100 (you entered 130)',
      },
    ]);
    expect((await getReturn(db, id)).history).toEqual([]);
    expect(await auditCount()).toBe(before);
  });

  it('submitting needs every value; a submitted return cannot be changed by the agency', async () => {
    const id = await policeReturn();
    const partial = await refused(
      saveReturn(db, u('policeOwner'), id, { entries: { 'asb-calls': { value: '100' } }, submit: true }),
      'VALIDATION',
    );
    expect(partial.problems).toHaveLength(policeAsks().length - 1);
    const saved = await saveReturn(db, u('policeOwner'), id, { entries: fullEntries(), submit: true });
    expect(saved.status).toBe('submitted');
    expect(saved.current.get('asb-calls')).toMatchObject({
      value: 100,
      periodStart: '2014-10-01',
      periodEnd: '2015-09-30',
    });
    await refused(saveReturn(db, u('policeOwner'), id, { entries: fullEntries(), submit: false }), 'CONFLICT');
  });

  it('the analyst sends it back; the agency corrects with a reason, keeping history; accepted values are the figures', async () => {
    const id = await policeReturn();
    await refused(sendBackReturn(db, u('policeOwner'), id, 'no'), 'FORBIDDEN');
    await refused(sendBackReturn(db, u('councilAnalyst'), id, '  '), 'VALIDATION');
    await sendBackReturn(db, u('councilAnalyst'), id, 'ASB calls look like last year’s figure');
    expect((await getReturn(db, id)).status).toBe('sent_back');
    const correction = { entries: { 'asb-calls': { value: '112' } }, submit: true };
    const noReason = await refused(saveReturn(db, u('policeOwner'), id, correction), 'VALIDATION');
    expect(noReason.problems.map((p) => p.field)).toEqual(['reason']);
    const fixed = await saveReturn(db, u('policeOwner'), id, {
      ...correction,
      reason: 'Re-run on the final CAD extract',
    });
    const asb = fixed.history.filter((v) => v.indicatorId === 'asb-calls');
    expect(asb.map((v) => [v.value, v.reason])).toEqual([
      [100, ''],
      [112, 'Re-run on the final CAD extract'],
    ]);
    expect(asb[1]?.replaces).toBe(asb[0]?.id);
    expect(await acceptedValues(db, ['asb-calls'])).toEqual([]);
    await acceptReturn(db, u('councilAnalyst'), id);
    await refused(acceptReturn(db, u('councilAnalyst'), id), 'CONFLICT');
    expect((await acceptedValues(db, ['asb-calls'])).map((v) => v.value)).toEqual([112]);
    const events = (await getReturn(db, id)).events.map((e) => [e.action, e.reason]);
    expect(events).toEqual([
      ['opened', ''],
      ['submitted', ''],
      ['sent_back', 'ASB calls look like last year’s figure'],
      ['submitted', ''],
      ['accepted', ''],
    ]);
    const audit = await db
      .selectFrom('audit_log')
      .select('action')
      .where('subject_type', '=', 'return')
      .where('subject_id', '=', String(id))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'return.open',
      'return.save',
      'return.submit',
      'return.send-back',
      'return.save',
      'return.submit',
      'return.accept',
    ]);
  });

  it('four eyes: whoever submitted a return cannot check it', async () => {
    const id = (await listReturns(db, { quarter: '2015/16 Q2', agencies: ['local_authority'] }))[0]?.id as number;
    const ret = await getReturn(db, id);
    const entries = Object.fromEntries(
      ret.asks.map((i) => [i.id, { value: i.unit.kind === 'percentage' ? '40' : '3' }]),
    );
    await saveReturn(db, u('councilAnalyst'), id, { entries, submit: true });
    const e = await refused(acceptReturn(db, u('councilAnalyst'), id), 'FORBIDDEN');
    expect(e.message).toBe('you submitted this return: another analyst must check it');
    await acceptReturn(db, u('manager'), id);
  });

  it('values are append-only in the database itself', async () => {
    await expect(sql`UPDATE return_value SET value = 1`.execute(db)).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('return_event').execute()).rejects.toThrow(/append-only/);
  });
});
