import { describe, expect, it } from 'vitest';
import { loadRegisters } from './loadRegisters.ts';
import { duplicateKeyOf, readDate, readEntryValues } from './entryValues.ts';

const registers = await loadRegisters();
const TODAY = '2026-03-31';

describe('reading entry values', () => {
  it('reads dates as written in forms and spreadsheets, and refuses dates that do not exist', () => {
    expect(readDate('2026-03-27')).toBe('2026-03-27');
    expect(readDate('27/3/2026')).toBe('2026-03-27');
    expect(readDate('2026-02-29')).toBeNull(); // 2026 is not a leap year
    expect(readDate('31/04/2026')).toBeNull();
  });

  it("reads dates as JavaScript's Date would, on every day from year 0 to 2400 and days 0 to 32 of each month", () => {
    // The reference is the Date-based reading readDate used to do, kept here as the independent check.
    const byDate = (y: number, m: number, d: number) => {
      const date = new Date(Date.UTC(y, m - 1, d));
      const real = date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
      return real ? date.toISOString().slice(0, 10) : null;
    };
    const pad = (n: number, w: number) => String(n).padStart(w, '0');
    let compared = 0;
    for (const y of [0, 1, 99, 100, 101, 999, 1000, 1600, 1700, 1900, 2000, 2023, 2024, 2026, 2100, 2400])
      for (let m = 0; m <= 13; m += 1)
        for (let d = 0; d <= 32; d += 1) {
          const expected = m >= 1 && m <= 12 ? byDate(y, m, d) : null;
          expect(readDate(`${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`)).toBe(expected);
          expect(readDate(`${d}/${m}/${pad(y, 4)}`)).toBe(expected);
          compared += 2;
        }
    expect(compared).toBe(16 * 14 * 33 * 2);
    expect(readDate('2024-02-29')).toBe('2024-02-29');
    expect(readDate('1900-02-29')).toBeNull();
  });

  it('reads a serious incident field by field: datetime, integer, counts, choices and references', () => {
    const v = readEntryValues(
      registers.get('serious-incidents')!,
      {
        occurred_at: '2026-03-30 21:40',
        location: 'SYNTHETIC',
        incident_type: 'Stabbing',
        victims: '2',
        'victim_ages.under 18': '1',
        'victim_ages.18 to 24': '1',
        weapons: 'knife; Bladed article',
        linked_tensions: 'ct-2026-0004;CT-2026-0009',
        impact_assessment: 'SYNTHETIC',
        ward: 'E05009336',
      },
      TODAY,
    );
    expect(v.problems).toEqual([]);
    expect(v.occurredOn).toBe('2026-03-30');
    expect(v.data).toMatchObject({
      occurred_at: '2026-03-30T21:40',
      incident_type: 'stabbing',
      victims: 2,
      victim_ages: { 'under 18': 1, '18 to 24': 1, '25 and over': 0, 'not known': 0 },
      weapons: ['knife', 'bladed article'],
      linked_tensions: ['CT-2026-0004', 'CT-2026-0009'],
    });
    expect(v.references).toEqual([
      { field: 'linked_tensions', register: 'community-tensions', refs: ['CT-2026-0004', 'CT-2026-0009'] },
    ]);
  });

  it('names each field at fault', () => {
    const v = readEntryValues(
      registers.get('serious-incidents')!,
      { occurred_at: '2026-04-01 09:00', victims: '-1', weapons: 'axe', latitude: '51.5' },
      TODAY,
    );
    expect(v.problems.map((p) => p.field).sort()).toEqual([
      'impact_assessment',
      'incident_type',
      'location',
      'longitude',
      'occurred_at',
      'victims',
      'weapons',
    ]);
  });

  it("keeps personal fields apart: a location of concern's site contact", () => {
    const v = readEntryValues(
      registers.get('locations-of-concern')!,
      {
        identified_on: '2026-01-05',
        place: 'SYNTHETIC Hotel',
        place_type: 'hotel',
        concern: 'SYNTHETIC',
        site_contact: 'SYNTHETIC Night Manager',
        review_on: '2026-06-01',
        ward: 'E05009336',
      },
      TODAY,
    );
    expect(v.personal).toEqual({ site_contact: 'SYNTHETIC Night Manager' });
    expect(v.data).not.toHaveProperty('site_contact');
  });
});

describe('duplicate keys', () => {
  const loc = registers.get('locations-of-concern')!;
  const place = { lon: -0.06, lat: 51.52, lsoa: null, ward: null, wards: [] };
  it("read a register's own field named place, not the map position", () => {
    const a = duplicateKeyOf(loc, { place: 'SYNTHETIC Hotel A', place_type: 'hotel' }, place);
    const b = duplicateKeyOf(loc, { place: 'SYNTHETIC Hotel B', place_type: 'hotel' }, place);
    expect(a).toBe('synthetic hotel a|hotel');
    expect(a).not.toBe(b);
  });
  it('compare text without case or surrounding spaces', () => {
    const sweeps = registers.get('weapon-sweeps')!;
    const key = (location: string) => duplicateKeyOf(sweeps, { swept_on: '2026-03-01', location, team: 'SNT' }, place);
    expect(key(' Mile End Park ')).toBe(key('mile end park'));
  });
});
