import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/createTestDb.ts';
import { insertUser } from '../../auth/users.ts';
import { scheduleDailyRetention } from './dailyRetention.ts';

// What `safer serve` starts: the job runs once at start, as the system, and stop waits for it.
let t: TestDb;
let id: number;
beforeAll(async () => {
  t = await createTestDb();
  const user = await insertUser(t.database.db, {
    email: 'manager@synthetic.test',
    agency: 'local_authority',
    role: 'partnership_manager',
    password: null,
  });
  // Dated 1 January 2020: far past the register's 24 months whatever today is.
  const row = await t.database.db
    .insertInto('register_entry')
    .values({
      register_id: 'locations-of-concern',
      definition_version: 1,
      status: 'submitted',
      reference: 'LC-2020-0001',
      owner_agency: 'local_authority',
      occurred_on: '2020-01-01',
      data: JSON.stringify({ place: 'SYNTHETIC site', place_type: 'park' }),
      personal: JSON.stringify({ site_contact: 'SYNTHETIC contact' }),
      search_text: 'synthetic',
      created_by: user.id,
      created_by_email: user.email,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  id = row.id;
});
afterAll(() => t?.drop());

describe('the daily retention schedule', () => {
  it('runs at start as the system, says what it removed, and stops cleanly', async () => {
    const lines: string[] = [];
    const schedule = scheduleDailyRetention(t.database.db, (line) => lines.push(line));
    await vi.waitFor(
      async () => {
        const audit = await t.database.db
          .selectFrom('audit_log')
          .select('actor_email')
          .where('action', '=', 'register.retention')
          .execute();
        expect(audit.map((a) => a.actor_email)).toEqual(['system']);
      },
      { timeout: 20_000, interval: 50 },
    );
    await schedule.stop();
    const entry = await t.database.db
      .selectFrom('register_entry')
      .select('personal')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(entry.personal).toBeNull();
    expect(lines).toEqual(['Retention: removed the personal fields of 1 register entry (audited)']);
  });
});
