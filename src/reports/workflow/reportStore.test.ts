import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/createTestDb.ts';
import { verifyAuditChain } from '../../audit/verifyAuditChain.ts';
import { sampleReport } from '../testing/sampleReport.ts';
import {
  addComment,
  createReport,
  getReport,
  listReports,
  publicationOf,
  publish,
  resolveComment,
  saveNarrative,
  transition,
  versionsOf,
} from './reportStore.ts';
import { auditActionsOf, type Cast, expectRefusedWithoutChange, insertCast } from './testing/reportFixture.ts';

/*
 * One report taken through the whole workflow on a real database (the engine SAFER_TEST_DB chose), step by step:
 * each step checks what it stored, and each refusal on the way that nothing changed (rows, statuses, audit log).
 */
let t: TestDb;
let cast: Cast;
let reportId: number;
const db = () => t.database.db;
const BLOCKS = ['summary-text', 'violence-text', 'recommendations'] as const;
const day = (d: number, h = 9) => new Date(Date.UTC(2026, 11, d, h));

beforeAll(async () => {
  t = await createTestDb();
  cast = await insertCast(db());
});
afterAll(async () => t?.drop());

describe('report workflow storage: drafting', () => {
  it('creates a draft owned by the creator’s agency, with version 1, a creation row and an audit entry', async () => {
    const created = await createReport(
      db(),
      cast.analyst,
      {
        title: 'Serious violence SNA 2023/24',
        templateId: 'sna',
        templateVersion: 1,
        areaCode: 'E09000030',
        period: '2023/24',
        compare: '2022/23',
        narrative: { 'summary-text': 'Starter text.' },
        blockIds: BLOCKS,
      },
      day(1),
    );
    reportId = created.id;
    expect(created).toMatchObject({ status: 'draft', owningAgency: 'local_authority', classification: 'partnership' });
    expect(created).toMatchObject({ currentVersion: 1, createdBy: cast.analyst.id, compare: '2022/23' });
    const detail = await getReport(db(), cast.viewer, reportId);
    expect(detail.current).toEqual({
      version: 1,
      narrative: { 'summary-text': 'Starter text.' },
      changedBy: cast.analyst.id,
      changedAt: day(1),
      note: 'created',
    });
    expect(detail.history).toEqual([{ from: null, to: 'draft', by: cast.analyst.id, at: day(1), reason: '' }]);
    expect(await auditActionsOf(db(), reportId)).toEqual(['report.create']);
  });

  it('refuses creating for viewers, data owners and administrators, an empty title and unknown blocks', async () => {
    const input = { title: 'SNA', templateId: 'sna', templateVersion: 1, areaCode: 'E09000030', period: '2023/24' };
    for (const who of [cast.viewer, cast.dataOwner, cast.administrator])
      await expectRefusedWithoutChange(db(), () => createReport(db(), who, input), 'FORBIDDEN');
    await expectRefusedWithoutChange(
      db(),
      () => createReport(db(), cast.analyst, { ...input, title: ' ' }),
      'VALIDATION',
    );
    await expectRefusedWithoutChange(
      db(),
      () => createReport(db(), cast.analyst, { ...input, narrative: { intro: 'x' }, blockIds: BLOCKS }),
      'VALIDATION',
      "block 'intro' is not in template 'sna'",
    );
  });

  it('keeps every save as a new version with who and when, the whole narrative in each', async () => {
    const v2 = await saveNarrative(
      db(),
      cast.analyst,
      reportId,
      { blocks: { 'violence-text': 'Violence fell.' }, note: 'first pass', blockIds: BLOCKS, basedOn: 1 },
      day(2),
    );
    const v3 = await saveNarrative(db(), cast.manager, reportId, { blocks: { 'summary-text': 'Summary.' } }, day(3));
    expect([v2, v3]).toEqual([2, 3]);
    expect(await versionsOf(db(), cast.viewer, reportId)).toEqual([
      expect.objectContaining({
        version: 1,
        changedBy: cast.analyst.id,
        narrative: { 'summary-text': 'Starter text.' },
      }),
      {
        version: 2,
        narrative: { 'summary-text': 'Starter text.', 'violence-text': 'Violence fell.' },
        changedBy: cast.analyst.id,
        changedAt: day(2),
        note: 'first pass',
      },
      {
        version: 3,
        narrative: { 'summary-text': 'Summary.', 'violence-text': 'Violence fell.' },
        changedBy: cast.manager.id,
        changedAt: day(3),
        note: '',
      },
    ]);
    const detail = await getReport(db(), cast.analyst, reportId);
    expect(detail.report).toMatchObject({ currentVersion: 3, updatedAt: day(3) });
  });

  it('refuses saves by readers, for unknown blocks, over a later version and to a report that is not there', async () => {
    const blocks = { 'summary-text': 'x' };
    await expectRefusedWithoutChange(db(), () => saveNarrative(db(), cast.viewer, reportId, { blocks }), 'FORBIDDEN');
    await expectRefusedWithoutChange(
      db(),
      () => saveNarrative(db(), cast.dataOwner, reportId, { blocks }),
      'FORBIDDEN',
    );
    await expectRefusedWithoutChange(
      db(),
      () => saveNarrative(db(), cast.analyst, reportId, { blocks: { 'risk-text': 'x' }, blockIds: BLOCKS }),
      'VALIDATION',
      "block 'risk-text' is not in template 'sna'",
    );
    await expectRefusedWithoutChange(
      db(),
      () => saveNarrative(db(), cast.analyst, reportId, { blocks, basedOn: 2 }),
      'INVALID_STATE',
      `report ${reportId} has changed: version 3 was saved after version 2, which this edit started from`,
    );
    await expectRefusedWithoutChange(db(), () => saveNarrative(db(), cast.analyst, 999, { blocks }), 'NOT_FOUND');
    await expectRefusedWithoutChange(
      db(),
      () => saveNarrative(db(), cast.analyst, reportId, { blocks: {} }),
      'VALIDATION',
      'nothing to save: no block was given',
    );
    await expectRefusedWithoutChange(
      db(),
      () => saveNarrative(db(), cast.analyst, reportId, { blocks: JSON.parse('{"summary-text": 3}') }),
      'VALIDATION',
      "block 'summary-text': the text must be markdown",
    );
  });

  it('takes comments on a block from reviewers, not viewers; resolves them', async () => {
    const comment = await addComment(
      db(),
      cast.dataOwner,
      reportId,
      { blockId: 'violence-text', body: ' Say which months are partial. ', blockIds: BLOCKS },
      day(4),
    );
    expect(comment).toMatchObject({ version: 3, blockId: 'violence-text', author: cast.dataOwner.id });
    expect(comment).toMatchObject({ body: 'Say which months are partial.', resolvedAt: null, createdAt: day(4) });
    const comment2 = { blockId: 'summary-text', body: 'Shorter?' };
    await expectRefusedWithoutChange(db(), () => addComment(db(), cast.viewer, reportId, comment2), 'FORBIDDEN');
    await expectRefusedWithoutChange(db(), () => addComment(db(), cast.administrator, reportId, comment2), 'FORBIDDEN');
    await expectRefusedWithoutChange(
      db(),
      () => addComment(db(), cast.analyst, reportId, { blockId: 'nope', body: 'x', blockIds: BLOCKS }),
      'VALIDATION',
      "block 'nope' is not in template 'sna'",
    );
    await expectRefusedWithoutChange(
      db(),
      () => addComment(db(), cast.analyst, reportId, { blockId: 'summary-text', body: '  ' }),
      'VALIDATION',
      "the comment on block 'summary-text' is empty",
    );
    await expectRefusedWithoutChange(db(), () => resolveComment(db(), cast.viewer, comment.id), 'FORBIDDEN');
    await resolveComment(db(), cast.analyst, comment.id, day(5));
    await expectRefusedWithoutChange(db(), () => resolveComment(db(), cast.analyst, comment.id), 'INVALID_STATE');
    await expectRefusedWithoutChange(db(), () => resolveComment(db(), cast.analyst, 999), 'NOT_FOUND');
    const detail = await getReport(db(), cast.viewer, reportId);
    expect(detail.comments).toEqual([{ ...comment, resolvedAt: day(5), resolvedBy: cast.analyst.id }]);
  });
});

describe('report workflow storage: review, approval, publication', () => {
  it('submits for review; no edits while in review; returns to draft only with a reason', async () => {
    await expectRefusedWithoutChange(db(), () => transition(db(), cast.viewer, reportId, 'submit'), 'FORBIDDEN');
    await expectRefusedWithoutChange(db(), () => transition(db(), cast.manager2, reportId, 'approve'), 'INVALID_STATE');
    expect(await transition(db(), cast.analyst, reportId, 'submit', {}, day(6))).toMatchObject({ status: 'in_review' });
    await expectRefusedWithoutChange(
      db(),
      () => saveNarrative(db(), cast.analyst, reportId, { blocks: { 'summary-text': 'x' } }),
      'INVALID_STATE',
      `report ${reportId} is in review: return it to draft to edit it`,
    );
    await addComment(db(), cast.manager2, reportId, { blockId: 'recommendations', body: 'Missing.' }, day(7));
    await expectRefusedWithoutChange(db(), () => transition(db(), cast.dataOwner, reportId, 'return'), 'VALIDATION');
    await transition(db(), cast.dataOwner, reportId, 'return', { reason: 'Recommendations missing.' }, day(8));
    await saveNarrative(db(), cast.analyst2, reportId, { blocks: { recommendations: 'Fund outreach.' } }, day(9));
    await transition(db(), cast.analyst2, reportId, 'submit', {}, day(10));
  });

  it('refuses approval by the author of the latest version and by analysts; another manager approves', async () => {
    await saveNarrativeAsManagerViaReturn();
    await expectRefusedWithoutChange(
      db(),
      () => transition(db(), cast.manager, reportId, 'approve'),
      'FORBIDDEN',
      `you wrote the latest version of report ${reportId}: another partnership manager must approve it`,
    );
    await expectRefusedWithoutChange(db(), () => transition(db(), cast.analyst2, reportId, 'approve'), 'FORBIDDEN');
    expect(await transition(db(), cast.manager2, reportId, 'approve', {}, day(13))).toMatchObject({
      status: 'approved',
    });
    await expectRefusedWithoutChange(
      db(),
      () => saveNarrative(db(), cast.manager, reportId, { blocks: { 'summary-text': 'x' } }),
      'INVALID_STATE',
      `report ${reportId} is approved: only a draft can be edited`,
    );
  });

  it('publishes both editions of the approved version in one step, managers only, each edition checked', async () => {
    const editions = {
      internal: { built: sampleReport('internal'), asOf: { 'robbery-trend': '2024-04-30' } },
      public: { built: sampleReport('public'), asOf: { 'robbery-trend': '2024-04-30' } },
    };
    await expectRefusedWithoutChange(db(), () => publish(db(), cast.analyst, reportId, editions), 'FORBIDDEN');
    await expectRefusedWithoutChange(
      db(),
      () => publish(db(), cast.manager, reportId, { ...editions, public: editions.internal }),
      'VALIDATION',
      `the public edition of report ${reportId} was built as the internal edition`,
    );
    await expectRefusedWithoutChange(
      db(),
      () =>
        publish(db(), cast.manager, reportId, {
          ...editions,
          public: { ...editions.public, asOf: { b: '30/04/2024' } },
        }),
      'VALIDATION',
      `block 'b': the "as of" date must be YYYY-MM-DD`,
    );
    // The approver's own version may be published by its author: only approval is separated.
    expect(await publish(db(), cast.manager, reportId, editions, day(14))).toMatchObject({ status: 'published' });
    const stored = await publicationOf(db(), cast.viewer, reportId, 'public');
    expect(stored).toEqual({
      edition: 'public',
      version: 5,
      built: editions.public.built,
      asOf: editions.public.asOf,
      publishedBy: cast.manager.id,
      publishedAt: day(14),
    });
    expect((await getReport(db(), cast.viewer, reportId)).published).toEqual(['internal', 'public']);
  });

  it('freezes the published report: no edit, comment, transition or second publication', async () => {
    const frozen = `report ${reportId} is published: published versions are frozen`;
    const blocks = { 'summary-text': 'x' };
    await expectRefusedWithoutChange(
      db(),
      () => saveNarrative(db(), cast.analyst, reportId, { blocks }),
      'INVALID_STATE',
      frozen,
    );
    await expectRefusedWithoutChange(
      db(),
      () => addComment(db(), cast.analyst, reportId, { blockId: 'summary-text', body: 'x' }),
      'INVALID_STATE',
      frozen,
    );
    for (const action of ['submit', 'return', 'approve'] as const)
      await expectRefusedWithoutChange(
        db(),
        () => transition(db(), cast.manager2, reportId, action, { reason: 'x' }),
        'INVALID_STATE',
      );
    const built = { built: sampleReport('internal'), asOf: {} };
    await expectRefusedWithoutChange(
      db(),
      () => publish(db(), cast.manager2, reportId, { internal: built, public: built }),
      'INVALID_STATE',
    );
  });

  it('keeps the status history and an audit entry per change, with the right actions, chain intact', async () => {
    const { history } = await getReport(db(), cast.viewer, reportId);
    expect(history.map((h) => [h.from, h.to, h.by, h.reason])).toEqual([
      [null, 'draft', cast.analyst.id, ''],
      ['draft', 'in_review', cast.analyst.id, ''],
      ['in_review', 'draft', cast.dataOwner.id, 'Recommendations missing.'],
      ['draft', 'in_review', cast.analyst2.id, ''],
      ['in_review', 'draft', cast.manager2.id, 'Numbers need a source.'],
      ['draft', 'in_review', cast.manager.id, ''],
      ['in_review', 'approved', cast.manager2.id, ''],
      ['approved', 'published', cast.manager.id, ''],
    ]);
    expect(await auditActionsOf(db(), reportId)).toEqual([
      'report.create',
      'report.edit',
      'report.edit',
      'report.comment',
      'report.comment',
      'report.submit',
      'report.comment',
      'report.return',
      'report.edit',
      'report.submit',
      'report.return',
      'report.edit',
      'report.submit',
      'report.approve',
      'report.publish',
    ]);
    const publishEntry = await db()
      .selectFrom('audit_log')
      .select(['actor_email', 'details'])
      .where('action', '=', 'report.publish')
      .executeTakeFirstOrThrow();
    expect(publishEntry.actor_email).toBe('manager@example.org');
    expect(JSON.parse(publishEntry.details)).toMatchObject({ from: 'approved', to: 'published', version: 5 });
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });
});

/** Back to draft, a manager's edit, resubmitted: the manager is now the latest version's author. */
async function saveNarrativeAsManagerViaReturn(): Promise<void> {
  await transition(db(), cast.manager2, reportId, 'return', { reason: 'Numbers need a source.' }, day(11));
  await saveNarrative(
    db(),
    cast.manager,
    reportId,
    { blocks: { 'violence-text': 'Violence fell (note 1).' } },
    day(12),
  );
  await transition(db(), cast.manager, reportId, 'submit', {}, day(12, 10));
}

describe('report workflow storage: the database keeps versions and publications as written', () => {
  const refused = async (statement: ReturnType<typeof sql>) => {
    const error = await statement.execute(db()).then(
      () => null,
      (e: unknown) => e,
    );
    expect(String(error)).toMatch(/append-only: (UPDATE|DELETE|TRUNCATE) refused/);
  };
  it('refuses UPDATE, DELETE and TRUNCATE of a version', async () => {
    await refused(sql`UPDATE report_version SET note = 'rewritten' WHERE report_id = ${reportId}`);
    await refused(sql`DELETE FROM report_version WHERE report_id = ${reportId} AND version = 1`);
    await refused(sql`TRUNCATE report_version CASCADE`);
    expect(await versionsOf(db(), cast.viewer, reportId)).toHaveLength(5);
  });
  it('refuses UPDATE, DELETE and TRUNCATE of a publication', async () => {
    await refused(sql`UPDATE report_publication SET as_of = '{}' WHERE report_id = ${reportId}`);
    await refused(sql`DELETE FROM report_publication WHERE report_id = ${reportId}`);
    await refused(sql`TRUNCATE report_publication`);
    expect((await publicationOf(db(), cast.viewer, reportId, 'internal')).asOf).toEqual({
      'robbery-trend': '2024-04-30',
    });
  });
});

describe('report workflow storage: reading', () => {
  it('lists every report to every signed-in member but administrators, latest change first', async () => {
    const second = await createReport(
      db(),
      cast.manager2,
      { title: 'Hackney SNA', templateId: 'sna', templateVersion: 1, areaCode: 'E09000012', period: '2023/24' },
      day(20),
    );
    for (const who of [cast.viewer, cast.analyst, cast.dataOwner, cast.manager])
      expect((await listReports(db(), who)).map((r) => r.id)).toEqual([second.id, reportId]);
    expect((await listReports(db(), cast.viewer, { status: 'published' })).map((r) => r.id)).toEqual([reportId]);
    await expect(listReports(db(), cast.administrator)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(getReport(db(), cast.administrator, reportId)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(getReport(db(), cast.viewer, 999)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(publicationOf(db(), cast.viewer, second.id, 'public')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('report workflow storage: two people at once', () => {
  it('saves one of two edits started from the same version and tells the other editor', async () => {
    const report = await createReport(db(), cast.analyst2, {
      title: 'Newham SNA',
      templateId: 'sna',
      templateVersion: 1,
      areaCode: 'E09000025',
      period: '2023/24',
    });
    const results = await Promise.allSettled([
      saveNarrative(db(), cast.analyst, report.id, { blocks: { 'summary-text': 'A' }, basedOn: 1 }),
      saveNarrative(db(), cast.analyst2, report.id, { blocks: { 'summary-text': 'B' }, basedOn: 1 }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled').map((r) => r.value)).toEqual([2]);
    const refused = results.find((r) => r.status === 'rejected');
    expect(refused?.reason).toMatchObject({ code: 'INVALID_STATE' });
    expect(await versionsOf(db(), cast.viewer, report.id)).toHaveLength(2);
    expect(await auditActionsOf(db(), report.id)).toEqual(['report.create', 'report.edit']);
  });
});
