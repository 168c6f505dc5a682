import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/createTestDb.ts';
import { importForTest } from '../../../test/importHelpers.ts';
import { testData } from '../../../test/sharedData.ts';
import { crimeTypeForSlug } from './apiCategories.ts';
import { countCurrentRows } from '../../../test/policeUkQueries.ts';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t?.drop());

describe('police.uk API category slugs', () => {
  it.each([
    ['anti-social-behaviour', '2014-08-01', 'Anti-social behaviour'],
    ['violent-crime', '2014-08-01', 'Violence and sexual offences'],
    ['violent-crime', '2013-04-01', 'Violent crime'],
    ['criminal-damage-arson', '2014-08-01', 'Criminal damage and arson'],
    ['public-disorder-weapons', '2012-01-01', 'Public disorder and weapons'],
    ['constructor', '2014-08-01', null],
    ['all-crime', '2014-08-01', null],
  ])('%s in %s is %s', (slug, month, name) => {
    expect(crimeTypeForSlug(slug, month)).toBe(name);
  });
});

// Expected figures from python3 json.load over the two files (August 2014, Isle of Dogs):
// all-crime_1.json 376 crimes (71 violent-crime, 108 blank persistent_id); crime_data_mozfest.json 374,
// 372 of them identical to crimes in the first. Slices are map point × month × force|type:
// 272 in the first file, 270 in the second; importing both leaves 378 current crimes.
describe('police.uk API street-level JSON', () => {
  it('imports the API crimes with slugs mapped to the CSV crime type names', async () => {
    const r = await importForTest(t.database, testData('police-uk/api-json/all-crime_1.json.gz'));
    expect(r.errors).toEqual([]);
    expect(r.format).toBe('police-uk-api-json');
    expect(r.rows).toBe(376);
    expect(await countCurrentRows(t.database, 'police_uk_street', { series: 'police-uk-api' })).toBe(376);
    expect(await countCurrentRows(t.database, 'police_uk_street', { crimeType: 'Violence and sexual offences' })).toBe(
      71,
    );
    expect(await countCurrentRows(t.database, 'police_uk_street', { blankCrimeId: true })).toBe(108);
  });

  it('a second query of the same area adds only what is new', async () => {
    const r = await importForTest(t.database, testData('police-uk/api-json/crime_data_mozfest.json.gz'));
    expect(r.status).toBe('imported');
    expect(r.rows).toBe(374);
    expect(r.unchanged).toBe(372);
    expect(r.imported).toBe(2);
    expect(await countCurrentRows(t.database, 'police_uk_street', { series: 'police-uk-api' })).toBe(378);
  });
});
