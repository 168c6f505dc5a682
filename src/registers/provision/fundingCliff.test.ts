import { describe, expect, it } from 'vitest';
import { addCalendarMonths, fundingCliff } from './fundingCliff.ts';
import { syntheticService } from './testing/syntheticService.ts';

// SYNTHETIC services. Today is 7 December 2026, so six months on is 7 June 2027 (counted as within).
const TODAY = '2026-12-07';
const onHorizon = syntheticService({ name: 'On the horizon', fundingEndsOn: '2027-06-07', capacity: 30, caseload: 12 });
const dayLater = syntheticService({ name: 'A day later', fundingEndsOn: '2027-06-08', capacity: 50, caseload: 50 });
const ended = syntheticService({ name: 'Already ended', fundingEndsOn: '2026-11-30', capacity: 10 });
const endsToday = syntheticService({ name: 'Ends today', fundingEndsOn: '2026-12-07', caseload: 4 });
const noEnd = syntheticService({ name: 'Core funded', capacity: 100, caseload: 90 });

describe('the funding cliff', () => {
  const cliff = fundingCliff([onHorizon, dayLater, ended, endsToday, noEnd], TODAY);

  it('takes services ending up to six months from today inclusive, and those already ended, soonest first', () => {
    expect(cliff.horizon).toBe('2027-06-07');
    expect(cliff.rows.map((r) => [r.name, r.endsOn, r.ended, r.daysLeft])).toEqual([
      ['Already ended', '2026-11-30', true, -7],
      ['Ends today', '2026-12-07', false, 0],
      // 7 Dec 2026 to 7 Jun 2027: 24 + 31 + 28 + 31 + 30 + 31 + 7 = 182 days.
      ['On the horizon', '2027-06-07', false, 182],
    ]);
  });

  it('totals the places and caseload at risk, saying how many are unknown', () => {
    // Capacity 10 + 30 (Ends today unknown); caseload 4 + 12 (Already ended unknown).
    expect(cliff).toMatchObject({
      capacityAtRisk: 40,
      caseloadAtRisk: 16,
      unknownCapacity: 1,
      unknownCaseload: 1,
      noEndRecorded: 1,
    });
  });

  it('adds calendar months, keeping the day or the last day of a shorter month', () => {
    expect(addCalendarMonths('2026-12-07', 6)).toBe('2027-06-07');
    expect(addCalendarMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addCalendarMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addCalendarMonths('2026-07-15', 6)).toBe('2027-01-15');
  });

  it('lists nothing when no funding ends within six months', () => {
    expect(fundingCliff([dayLater, noEnd], TODAY)).toMatchObject({ rows: [], capacityAtRisk: 0, caseloadAtRisk: 0 });
  });
});
