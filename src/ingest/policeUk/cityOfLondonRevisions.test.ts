import { dirname } from 'node:path';
import { testData } from '../../../test/sharedData.ts';
import { cityOfLondonRevisionTests } from './testing/cityOfLondonRevisionTests.ts';

// 12 of the 171 monthly files (2010-12..2011-05, LSOA 2011 codes and the old crime types; 2024-09..2025-02),
// and the border-LSOA file cut to the same months (test-data/README.md). Counted from the carried files with
// python3 csv.DictReader: 8,855 rows in the 12 files; 318 in the border cut. The whole folder:
// cityOfLondonRevisions.extended.test.ts.
cityOfLondonRevisionTests({
  folder: dirname(testData('police-uk/city-of-london/monthly/2010-12-city-of-london-street.csv.gz')),
  borderRows: testData(
    'police-uk/city-of-london/city-of-london-street_rows_in_TH_Hackney_Newham_LSOAs.cut-12-months.csv.gz',
  ),
  files: 12,
  allRows: 8_855,
  borderCount: 318,
  timeout: 300_000,
});
