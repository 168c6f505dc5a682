import { fullData } from '../../../test/sharedData.ts';
import { cityOfLondonRevisionTests } from './testing/cityOfLondonRevisionTests.ts';

// All 171 published monthly files (24 MB) and the whole border-LSOA file. Figures from python3 csv.reader
// over the raw files: 109,803 rows in the folder; 2,990 in the separate file, forming 1,708 slices
// (LSOA × month × force|type), each identical to the same slice of the monthly files.
// 171 transactions and 109,803 rows. Measured on the shared 2-core machine (load average 12-23): folder import
// 123 s (then 116 s in the other order) on PGlite, 44 s (66 s) on PostgreSQL.
cityOfLondonRevisionTests({
  folder: fullData('police-uk/city-of-london/monthly'),
  borderRows: fullData('police-uk/city-of-london/city-of-london-street_rows_in_TH_Hackney_Newham_LSOAs.csv'),
  files: 171,
  allRows: 109_803,
  borderCount: 2_990,
  timeout: 900_000,
});
