import { describe, expect, it } from 'vitest';
import { type ReminderItem, reminderReason, remindersDue } from './remindersDue.ts';

/* Items made up for the test (SYNTHETIC); the day is 2026-01-27, so a week on is 2026-02-03 and 90 days back 2025-10-29. */

const item = (over: Partial<ReminderItem> & Pick<ReminderItem, 'id'>): ReminderItem => ({
  planId: 1,
  planTitle: 'Plan A (SYNTHETIC)',
  number: `1.${over.id}`,
  wording: `Action ${over.id} (SYNTHETIC)`,
  ownerPerson: 'dana.cole@example.org',
  dueOn: null,
  status: null,
  lastActivityOn: '2026-01-01',
  ...over,
});
const TODAY = '2026-01-27';

describe('remindersDue', () => {
  it('reminds of items overdue, due within a week or quiet for 90 days, one message per person', () => {
    const items = [
      item({ id: 1, ownerPerson: 'Dana.Cole@example.org', dueOn: '2026-01-20', status: 'on track' }),
      item({ id: 2, ownerPerson: 'Amina Khan', dueOn: '2026-02-03', wording: 'Recruit an IDVA\nsecond line' }),
      item({ id: 3, lastActivityOn: '2025-10-29' }),
      item({ id: 4, dueOn: '2026-01-01', status: 'complete' }),
      item({ id: 5, ownerPerson: 'Sam', dueOn: '2026-01-01' }),
      item({ id: 6, ownerPerson: 'amina.khan@example.org', dueOn: '2026-02-04', lastActivityOn: '2025-10-30' }),
      item({ id: 7, dueOn: '2026-01-01', status: 'dropped' }),
    ];
    const reminders = remindersDue(items, TODAY, {
      baseUrl: 'https://safer.example',
      users: [{ email: 'Amina.Khan@example.org', displayName: 'Amina Khan' }],
    });
    expect(reminders.map((r) => [r.to, r.subject, r.itemIds])).toEqual([
      ['amina.khan@example.org', 'Safer: 1 plan item needs your update', [2]],
      ['dana.cole@example.org', 'Safer: 2 plan items need your update', [1, 3]],
    ]);
    expect(reminders[1]?.body).toBe(
      [
        'These plan items you lead need attention on 2026-01-27:',
        '',
        '- Plan A (SYNTHETIC), item 1.1: Action 1 (SYNTHETIC) (overdue: it was due on 2026-01-20)',
        '  https://safer.example/plans/1',
        '- Plan A (SYNTHETIC), item 1.3: Action 3 (SYNTHETIC) (no update since 2025-10-29)',
        '  https://safer.example/plans/1',
        '',
        'Please add an update or change the status in Safer.',
        '',
      ].join('\n'),
    );
    expect(reminders[0]?.body).toContain('- Plan A (SYNTHETIC), item 1.2: Recruit an IDVA (due on 2026-02-03)\n');
  });

  it('gives no links without an address, and nothing when nothing is due', () => {
    const [only] = remindersDue([item({ id: 1, dueOn: '2026-01-26' })], TODAY);
    expect(only?.body.split('\n')[2]).toBe(
      '- Plan A (SYNTHETIC), item 1.1: Action 1 (SYNTHETIC) (overdue: it was due on 2026-01-26)',
    );
    expect(only?.body).not.toContain('http');
    expect(remindersDue([item({ id: 1, dueOn: '2026-02-27' })], TODAY)).toEqual([]);
  });

  it('states the first reason that applies', () => {
    expect(reminderReason(item({ id: 1, dueOn: '2026-01-27' }), TODAY)).toBe('due on 2026-01-27');
    expect(reminderReason(item({ id: 1, dueOn: '2026-01-26', lastActivityOn: '2025-01-01' }), TODAY)).toBe(
      'overdue: it was due on 2026-01-26',
    );
    expect(reminderReason(item({ id: 1, lastActivityOn: '2025-10-30' }), TODAY)).toBeNull();
  });
});
