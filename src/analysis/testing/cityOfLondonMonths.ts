import type { TestDb } from '../../../test/createTestDb.ts';
import { importForTest } from '../../../test/importHelpers.ts';
import { testData } from '../../../test/sharedData.ts';

/**
 * Tests only: imports one real police.uk monthly street file of City of London Police
 * (test-data/police-uk/city-of-london/monthly; each file's rows all carry its month), failing loudly otherwise.
 */
export async function importCityOfLondonMonth(t: TestDb, month: '2010-12' | '2011-01'): Promise<void> {
  const file = testData('police-uk', 'city-of-london', 'monthly', `${month}-city-of-london-street.csv.gz`);
  const r = await importForTest(t.database, file);
  if (r.status !== 'imported') throw new Error(`${month}: ${r.message}`);
}
