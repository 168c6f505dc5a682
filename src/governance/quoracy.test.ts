import { describe, expect, it } from 'vitest';
import { workOutQuoracy } from './quoracy.ts';

/* Quoracy worked out by hand: agencies represented by a vote, a substitute counting for their agency once. */

const members = [
  { userId: 1, agencyCode: 'police', voting: true },
  { userId: 2, agencyCode: 'local_authority', voting: true },
  { userId: 3, agencyCode: 'health', voting: true },
  { userId: 4, agencyCode: 'probation', voting: true },
  { userId: 5, agencyCode: 'fire', voting: true },
  { userId: 6, agencyCode: 'vcs', voting: false },
  { userId: 7, agencyCode: 'police', voting: true },
];

describe('quoracy', () => {
  it('counts agencies present: four of five needed is not quorate, and says who came', () => {
    const q = workOutQuoracy(5, members, [
      { userId: 1, agencyCode: 'police', attendance: 'present' },
      { userId: 7, agencyCode: 'police', attendance: 'present' },
      { userId: 2, agencyCode: 'local_authority', attendance: 'present' },
      { userId: 3, agencyCode: 'health', attendance: 'present' },
      { userId: 4, agencyCode: 'probation', attendance: 'present' },
      { userId: 5, agencyCode: 'fire', attendance: 'apologies' },
      { userId: 6, agencyCode: 'vcs', attendance: 'present' },
    ]);
    expect(q).toEqual({
      quorate: false,
      needed: 5,
      agencies: ['police', 'local_authority', 'health', 'probation'],
      says: '4 of 5 needed: present police, council, health, probation',
    });
  });

  it('a substitute counts for their agency, once even beside the member; a non-voting agency never counts', () => {
    const q = workOutQuoracy(4, members, [
      { userId: 1, agencyCode: 'police', attendance: 'present' },
      { userId: 99, agencyCode: 'police', attendance: 'substitute' },
      { userId: 98, agencyCode: 'fire', attendance: 'substitute' },
      { userId: 97, agencyCode: 'vcs', attendance: 'substitute' },
      { userId: 3, agencyCode: 'health', attendance: 'present' },
      { userId: 2, agencyCode: 'local_authority', attendance: 'absent' },
    ]);
    expect(q.says).toBe('3 of 4 needed: present police, health, fire');
    expect(q.quorate).toBe(false);
    const enough = workOutQuoracy(3, members, [
      { userId: 1, agencyCode: 'police', attendance: 'present' },
      { userId: 98, agencyCode: 'fire', attendance: 'substitute' },
      { userId: 3, agencyCode: 'health', attendance: 'present' },
    ]);
    expect(enough.quorate).toBe(true);
    expect(enough.says).toBe('3 of 3 needed: present police, health, fire');
  });

  it('nobody there', () => {
    expect(workOutQuoracy(2, members, []).says).toBe('0 of 2 needed: no voting member present');
  });

  it('a present person who is not a voting member does not count', () => {
    const q = workOutQuoracy(1, members, [{ userId: 42, agencyCode: 'police', attendance: 'present' }]);
    expect(q.quorate).toBe(false);
  });
});
