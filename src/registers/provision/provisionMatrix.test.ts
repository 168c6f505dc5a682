import { describe, expect, it } from 'vitest';
import { gapWords, provisionMatrix } from './provisionMatrix.ts';
import { syntheticService } from './testing/syntheticService.ts';

// SYNTHETIC services and wards; every expected cell below was worked out by hand from the rules in provisionMatrix.ts.
const WARDS = [
  { code: 'W1', name: 'Alpha' },
  { code: 'W2', name: 'Bravo' },
  { code: 'W3', name: 'Charlie' },
  { code: 'W4', name: 'Delta' },
];
const mentoring = syntheticService({
  id: 1,
  name: 'Ends Mentoring',
  needs: ['youth violence', 'knife crime'],
  wards: ['W1', 'W2'],
  capacity: 40,
  caseload: 30,
  evidenceImpact: 'moderate',
  evidenceStrength: '3 - moderate',
  evidenceSource: 'https://toolkit.example/mentoring',
});
const idva = syntheticService({
  id: 2,
  name: 'Harbour IDVA',
  needs: ['domestic abuse'],
  wholeBorough: true,
  capacity: 20,
  caseload: 25,
  evidenceImpact: 'not rated',
});
const patrol = syntheticService({
  id: 3,
  name: 'Steel Bins Patrol',
  needs: ['knife crime'],
  wards: ['W3'],
  caseload: 5,
  evidenceImpact: 'high',
  evidenceStrength: '2 - limited',
});
const night = syntheticService({
  id: 4,
  name: 'Night Safe',
  needs: ['night-time economy violence'],
  wards: ['W1'],
  capacity: 10,
  caseload: 10,
  evidenceImpact: 'low',
});
const NEEDS = ['knife crime', 'youth violence', 'domestic abuse', 'night-time economy violence', 'reoffending'];
const ref = (s: { id: number; reference: string; name: string }) => ({
  id: s.id,
  reference: s.reference,
  name: s.name,
});

describe('the what works / current provision / gaps matrix', () => {
  const rows = provisionMatrix([night, patrol, idva, mentoring], NEEDS, WARDS);

  it('has one row per need in the vocabulary order', () => {
    expect(rows.map((r) => r.need)).toEqual(NEEDS);
  });

  it('knife crime: two services that work, 75% full and unknown, Delta uncovered', () => {
    expect(rows[0]).toEqual({
      need: 'knife crime',
      whatWorks: [
        {
          ...ref(mentoring),
          impact: 'moderate',
          strength: '3 - moderate',
          source: 'https://toolkit.example/mentoring',
        },
        { ...ref(patrol), impact: 'high', strength: '2 - limited', source: null },
      ],
      current: [
        { ...ref(mentoring), provider: 'SYNTHETIC provider', capacity: 40, caseload: 30, percentFull: 75, full: false },
        { ...ref(patrol), provider: 'SYNTHETIC provider', capacity: null, caseload: 5, percentFull: null, full: false },
      ],
      gaps: [{ kind: 'uncovered-wards', wards: [{ code: 'W4', name: 'Delta' }] }],
    });
  });

  it('youth violence: one service, Charlie and Delta uncovered', () => {
    expect(rows[1]?.whatWorks.map((c) => c.name)).toEqual(['Ends Mentoring']);
    expect(rows[1]?.gaps).toEqual([
      {
        kind: 'uncovered-wards',
        wards: [
          { code: 'W3', name: 'Charlie' },
          { code: 'W4', name: 'Delta' },
        ],
      },
    ]);
  });

  it('domestic abuse: a whole-borough service over capacity (25 of 20 = 125%) and not rated', () => {
    expect(rows[2]).toEqual({
      need: 'domestic abuse',
      whatWorks: [],
      current: [
        { ...ref(idva), provider: 'SYNTHETIC provider', capacity: 20, caseload: 25, percentFull: 125, full: true },
      ],
      gaps: [{ kind: 'at-capacity', services: [ref(idva)] }, { kind: 'no-good-evidence' }],
    });
  });

  it('night-time economy: exactly full (10 of 10), low impact, three wards uncovered', () => {
    expect(rows[3]?.current[0]).toMatchObject({ percentFull: 100, full: true });
    expect(rows[3]?.gaps.map((g) => g.kind)).toEqual(['at-capacity', 'no-good-evidence', 'uncovered-wards']);
    expect(rows[3]?.gaps.map(gapWords)).toEqual([
      'At or over capacity: Night Safe',
      'No service rated high or moderate impact',
      'No service covers 3 wards: Bravo, Charlie, Delta',
    ]);
  });

  it('reoffending: no service at all, said once (not every ward listed)', () => {
    expect(rows[4]).toEqual({ need: 'reoffending', whatWorks: [], current: [], gaps: [{ kind: 'no-service' }] });
    expect(gapWords({ kind: 'no-service' })).toBe('No service meets this need');
  });

  it('a capacity of 0 is full with no percentage', () => {
    const closed = syntheticService({ name: 'Closed to referrals', needs: ['reoffending'], capacity: 0, caseload: 0 });
    const [row] = provisionMatrix([closed], ['reoffending'], []);
    expect(row?.current[0]).toMatchObject({ percentFull: null, full: true });
  });
});
