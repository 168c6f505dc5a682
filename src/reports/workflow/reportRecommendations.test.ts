import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/createTestDb.ts';
import type { BuiltReport, NarrativeElement } from '../builtReport.ts';
import { sampleReport } from '../testing/sampleReport.ts';
import { createReport, publish, recommendationsOf, transition } from './reportStore.ts';
import { type Cast, expectRefusedWithoutChange, insertCast } from './testing/reportFixture.ts';

/*
 * Recommendations stored at publication (migration 0018): one row per recommendation of the internal edition, in
 * the publishing transaction, readable as reports are, and kept as written by the database itself.
 */
let t: TestDb;
let cast: Cast;
let reportId: number;
const db = () => t.database.db;
const at = new Date(Date.UTC(2026, 11, 7, 9));

const heading = (text: string, level: 3 | 4): NarrativeElement => ({
  kind: 'heading',
  level,
  content: [{ kind: 'text', text }],
});

/** The sample report with a "Conclusions and recommendations" section: two themes, three recommendations. */
function withRecommendations(edition: BuiltReport['edition']): BuiltReport {
  const report = sampleReport(edition);
  const elements: NarrativeElement[] = [
    heading('Conclusions', 3),
    { kind: 'list', ordered: true, items: [[{ kind: 'text', text: 'Robbery rose.' }]] },
    heading('Recommendations', 3),
    heading('Prevention', 4),
    {
      kind: 'list',
      ordered: true,
      items: [
        [
          { kind: 'text', text: 'Fund ' },
          { kind: 'strong', text: 'youth outreach' },
          { kind: 'text', text: '.' },
        ],
        [{ kind: 'text', text: 'Train school staff.' }],
      ],
    },
    heading('Enforcement', 4),
    { kind: 'list', ordered: true, items: [[{ kind: 'text', text: 'Share robbery data monthly.' }]] },
  ];
  const section = { id: 'recommendations', number: '3', title: 'Conclusions and recommendations' };
  return {
    ...report,
    sections: [...report.sections, { ...section, blocks: [{ kind: 'narrative', id: 'conclusions', elements }] }],
  };
}

beforeAll(async () => {
  t = await createTestDb();
  cast = await insertCast(db());
  const report = await createReport(db(), cast.analyst, {
    title: 'SNA 2023/24',
    templateId: 'sna',
    templateVersion: 1,
    areaCode: 'E09000030',
    period: '2023/24',
  });
  reportId = report.id;
  await transition(db(), cast.analyst, reportId, 'submit');
  await transition(db(), cast.manager, reportId, 'approve');
});
afterAll(async () => t?.drop());

describe('recommendations of a published report', () => {
  it('has none before publication, and a refused publication stores none', async () => {
    expect(await recommendationsOf(db(), cast.viewer, reportId)).toEqual([]);
    const internal = { built: withRecommendations('internal'), asOf: {} };
    await expectRefusedWithoutChange(
      db(),
      () => publish(db(), cast.manager, reportId, { internal, public: internal }),
      'VALIDATION',
    );
  });

  it('stores one row per recommendation of the internal edition at publication, numbered through the report', async () => {
    const editions = {
      internal: { built: withRecommendations('internal'), asOf: {} },
      // Only the internal edition is read: a public edition without the section changes nothing.
      public: { built: sampleReport('public'), asOf: {} },
    };
    await publish(db(), cast.manager, reportId, editions, at);
    const stored = await recommendationsOf(db(), cast.viewer, reportId);
    expect(stored).toHaveLength(3);
    expect(stored.map(({ number, theme, text }) => ({ number, theme, text }))).toEqual([
      { number: 1, theme: 'Prevention', text: 'Fund youth outreach.' },
      { number: 2, theme: 'Prevention', text: 'Train school staff.' },
      { number: 3, theme: 'Enforcement', text: 'Share robbery data monthly.' },
    ]);
    expect(stored[0]).toMatchObject({ blockId: 'conclusions', publishedVersion: 1, createdAt: at });
  });

  it('is read as reports are: administrators refused, an unknown report not found', async () => {
    await expect(recommendationsOf(db(), cast.administrator, reportId)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(recommendationsOf(db(), cast.viewer, 999_999)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses UPDATE, DELETE and TRUNCATE of a recommendation', async () => {
    for (const statement of [
      sql`UPDATE report_recommendation SET text = 'Do less.' WHERE report_id = ${reportId}`,
      sql`DELETE FROM report_recommendation WHERE report_id = ${reportId} AND number = 1`,
      sql`TRUNCATE report_recommendation`,
    ]) {
      const error = await statement.execute(db()).then(
        () => null,
        (e: unknown) => e,
      );
      expect(String(error)).toMatch(/report_recommendation is append-only: (UPDATE|DELETE|TRUNCATE) refused/);
    }
    expect(await recommendationsOf(db(), cast.viewer, reportId)).toHaveLength(3);
  });
});
