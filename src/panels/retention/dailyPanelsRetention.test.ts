import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createPanelFixture, type PanelFixture } from '../testing/panelTestDb.ts';
import { scheduleDailyPanelsRetention } from './dailyPanelsRetention.ts';
import { syntheticClosedCase, syntheticPerson } from './testing/seedClosedCase.ts';

// What `safer serve` starts beside the registers' job: it runs at start, as the system, and stop waits for it.
let f: PanelFixture;
let caseId: number;
beforeAll(async () => {
  f = await createPanelFixture();
  const by = f.people.maceChair;
  const personId = await syntheticPerson(f.db, f.ring, 'Daily', by);
  const linked = await syntheticPerson(f.db, f.ring, 'Daily-Linked', by);
  // Kept until 1 January 2020: past whatever today is.
  ({ caseId } = await syntheticClosedCase(f.db, f.ring, by, {
    personId,
    retainUntil: '2020-01-01',
    linkedPersonId: linked,
    agency: 'police',
  }));
}, 60_000);
afterAll(() => f?.t.drop());

describe('the daily panels retention schedule', () => {
  it('runs at start as the system, says what it removed, and stops cleanly', async () => {
    const lines: string[] = [];
    const schedule = scheduleDailyPanelsRetention(
      f.db,
      { panels: async () => f.panels, ring: async () => f.ring },
      (line) => lines.push(line),
    );
    await vi.waitFor(
      async () => {
        const audit = await f.db
          .selectFrom('audit_log')
          .select('actor_email')
          .where('action', '=', 'panels.retention')
          .execute();
        expect(audit.map((a) => a.actor_email)).toEqual(['system']);
      },
      { timeout: 20_000, interval: 50 },
    );
    await schedule.stop();
    const row = await f.db
      .selectFrom('panel_case')
      .select('person_id')
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(row.person_id).toBeNull();
    expect(lines).toEqual([
      'Retention: removed the personal data of 1 panel case and 0 referrals closed without a case (audited)',
    ]);
  });

  it('prints a failure and keeps the timer for tomorrow', async () => {
    const lines: string[] = [];
    const schedule = scheduleDailyPanelsRetention(
      f.db,
      { panels: async () => Promise.reject(new Error('panels/ unreadable')), ring: async () => f.ring },
      (line) => lines.push(line),
    );
    await vi.waitFor(() => expect(lines).toHaveLength(1), { timeout: 5_000, interval: 20 });
    await schedule.stop();
    expect(lines).toEqual(['Retention: the daily panels run failed and will be tried tomorrow: panels/ unreadable']);
  });
});
