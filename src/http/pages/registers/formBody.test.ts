import { describe, expect, it } from 'vitest';
import { readEntryValues } from '../../../registers/entryValues.ts';
import { loadRegisters } from '../../../registers/loadRegisters.ts';
import { bodyOfEntry, dateFromParts, rawOf } from './formBody.ts';

/* The form's names to saveEntry's input and back, on the real register descriptions; values SYNTHETIC. */

describe('dateFromParts', () => {
  it.each([
    ['27', '3', '2026', '2026-03-27'],
    ['1', '12', '2025', '2025-12-01'],
    ['', '', '', ''],
    ['31', '2', '2026', '2026-02-31'], // left for readDate to refuse: not a real date
    ['27', '3', '26', 'not a date'], // a two-digit year is not guessed
    ['x', '3', '2026', 'not a date'],
    ['27', '', '2026', 'not a date'],
  ])('%s %s %s → %s', (day, month, year, expected) => {
    expect(dateFromParts(day, month, year)).toBe(expected);
  });
});

describe('rawOf and bodyOfEntry', () => {
  it('joins a date and time, counts, ticked boxes and the place as saveEntry reads them', async () => {
    const incidents = (await loadRegisters()).get('serious-incidents')!;
    const raw = rawOf(
      incidents,
      {
        'occurred_at-day': '2',
        'occurred_at-month': '3',
        'occurred_at-year': '2026',
        'occurred_at-time': '9.05',
        location: ' Bus stop ',
        'victim_ages.under 18': '1',
        weapons: ['knife', 'none'],
        latitude: '51.5195',
        longitude: '-0.0597',
        _csrf: 'ignored',
      },
      false,
    );
    expect(raw.occurred_at).toBe('2026-03-02 09:05');
    expect(raw.location).toBe('Bus stop');
    expect(raw['victim_ages.under 18']).toBe('1');
    expect(raw['victim_ages.not known']).toBe('');
    expect(raw.weapons).toBe('knife;none');
    expect(raw.latitude).toBe('51.5195');
    expect(raw._csrf).toBeUndefined();
    const values = readEntryValues(incidents, raw, '2026-12-07');
    expect(values.data.occurred_at).toBe('2026-03-02T09:05');
    expect(values.data.weapons).toEqual(['knife', 'none']);
  });

  it('leaves out personal fields for a writer who may not see them', async () => {
    const locations = (await loadRegisters()).get('locations-of-concern')!;
    expect(rawOf(locations, { site_contact: 'A. Person' }, false)).not.toHaveProperty('site_contact');
    expect(rawOf(locations, { site_contact: 'A. Person' }, true).site_contact).toBe('A. Person');
  });

  it('fills the form from a stored entry so that posting it back gives the same values', async () => {
    const sweeps = (await loadRegisters()).get('weapon-sweeps')!;
    const data = {
      swept_on: '2026-03-07',
      location: 'Park (SYNTHETIC)',
      team: 'Estate officers',
      items: { knife: 2, 'bladed article': 0, firearm: 1, other: 0 },
    };
    const body = bodyOfEntry(sweeps, {
      id: 1,
      reference: 'WS-2026-0001',
      status: 'submitted',
      occurredOn: '2026-03-07',
      wardCode: 'E05009333',
      lsoaCode: 'E01004208',
      lon: -0.0597,
      lat: 51.5195,
      data,
      ownerAgency: 'police',
      updatedAt: new Date(),
      personal: null,
      personalRemovedAt: null,
      createdByEmail: 'a@synthetic.test',
      createdAt: new Date(),
      version: 1,
    });
    expect(body['swept_on-day']).toBe('7');
    expect(body['swept_on-month']).toBe('3');
    expect(body['items.firearm']).toBe('1');
    // A point is what was typed; its LSOA and ward were worked out from it and are not put back as input.
    expect(body.lsoa).toBeUndefined();
    const again = readEntryValues(sweeps, rawOf(sweeps, body, false), '2026-12-07');
    expect(again.problems).toEqual([]);
    expect(again.data).toEqual(data);
    expect(again.place).toMatchObject({ lat: 51.5195, lon: -0.0597, lsoa: null, ward: null });
  });
});
