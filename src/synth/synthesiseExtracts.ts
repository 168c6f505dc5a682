import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AE_COLUMNS, POLICE_COLUMNS } from '../ingest/partner/partnerVocabulary.ts';
import { AeAttendanceGenerator, attendancesByMonth } from './aeAttendanceGenerator.ts';
import { lastDayOf } from '../domain/periods/month.ts';
import { csvLine } from '../domain/csv/csvLine.ts';
import { monthsBetween } from '../domain/periods/month.ts';
import { LineSink } from './lineSink.ts';
import { LONDON_ETHNICITY_2021 } from './personProfiles.ts';
import { PoliceRecordGenerator } from './policeRecordGenerator.ts';
import { CALIBRATION_SERIES, readCensusEthnicity, readWardMonthlyCounts, readWardNames } from './syntheticSources.ts';

/** The extracts are read back by Safer's importers: values kept as they are, LF line ends. */
const SYNTHETIC_CSV = { eol: '\n', neutralise: false } as const;

export interface SynthesiseOptions {
  boroughCode: string;
  boroughName: string;
  /** 'YYYY-MM', inclusive. */
  from: string;
  to: string;
  outDir: string;
  seed: number;
  /** ODS-like site code written on A&E rows; a clearly synthetic one by default. */
  siteCode?: string;
}

export interface SynthesiseResult {
  policeFile: string;
  aeFile: string;
  policeRecords: number;
  aeAttendances: number;
  siteCode: string;
  ethnicitySource: 'census2021-ts021' | 'london-constants';
}

/** A request the data cannot serve (no counts imported for the borough and period). */
export class SynthesiseError extends Error {
  readonly code = 'SYNTHESISE_NO_DATA';
}

/**
 * Writes a SYNTHETIC police extract with exactly as many records per ward,
 * month and category as the current MPS ward counts, and a SYNTHETIC ISTV
 * A&E extract sized from the borough's VIOLENCE WITH INJURY.
 */
export async function synthesiseExtracts(db: Kysely<DB>, opts: SynthesiseOptions): Promise<SynthesiseResult> {
  const cells = await readWardMonthlyCounts(db, opts.boroughCode, opts.from, opts.to);
  if (cells.length === 0) {
    throw new SynthesiseError(
      `no current MPS ward counts (series ${CALIBRATION_SERIES}) for ${opts.boroughName} (${opts.boroughCode}) between ${opts.from} and ${opts.to}; import the MPS ward file (e.g. recorded-crime-ward.csv) first`,
    );
  }
  const census = await readCensusEthnicity(db, opts.boroughCode);
  const wardNames = await readWardNames(db, opts.boroughCode);
  const siteCode = opts.siteCode ?? `SYN${opts.boroughCode.slice(-2)}`;
  const stem = `${opts.boroughCode}-${opts.from}-to-${opts.to}-seed${opts.seed}`;
  await mkdir(opts.outDir, { recursive: true });
  const policeFile = join(opts.outDir, `SYNTHETIC-partner-police-extract-${stem}.csv`);
  const aeFile = join(opts.outDir, `SYNTHETIC-ae-istv-extract-${stem}.csv`);

  const police = new PoliceRecordGenerator({
    boroughCode: opts.boroughCode,
    seed: opts.seed,
    ethnicityShares: census ?? LONDON_ETHNICITY_2021,
    extractDate: lastDayOf(opts.to),
  });
  const policeSink = new LineSink(policeFile);
  await policeSink.write(csvLine(POLICE_COLUMNS, SYNTHETIC_CSV));
  let policeRecords = 0;
  const vwi = new Map<string, Map<string, number>>(); // month → ward → VIOLENCE WITH INJURY count
  for (const cell of cells) {
    for (const record of police.records(cell)) {
      await policeSink.write(csvLine(record, SYNTHETIC_CSV));
      policeRecords += 1;
    }
    if (cell.minor.toUpperCase() === 'VIOLENCE WITH INJURY') {
      const wards = vwi.get(cell.month) ?? new Map<string, number>();
      wards.set(cell.wardCode, (wards.get(cell.wardCode) ?? 0) + cell.count);
      vwi.set(cell.month, wards);
    }
  }
  await policeSink.close();

  const months = monthsBetween(opts.from, opts.to);
  const counts = attendancesByMonth(months.map((m) => [...(vwi.get(m)?.values() ?? [])].reduce((a, b) => a + b, 0)));
  const ae = new AeAttendanceGenerator({ siteCode, seed: opts.seed });
  const aeSink = new LineSink(aeFile);
  await aeSink.write(csvLine(AE_COLUMNS, SYNTHETIC_CSV));
  let aeAttendances = 0;
  for (const [i, month] of months.entries()) {
    if (counts[i] === 0) continue;
    const wards = [...vwi.get(month)!].map(([code, weight]) => ({ name: wardNames.get(code) ?? code, weight }));
    for (const row of ae.attendances(month, counts[i]!, wards)) {
      await aeSink.write(csvLine(row, SYNTHETIC_CSV));
      aeAttendances += 1;
    }
  }
  await aeSink.close();
  return {
    policeFile,
    aeFile,
    policeRecords,
    aeAttendances,
    siteCode,
    ethnicitySource: census ? 'census2021-ts021' : 'london-constants',
  };
}
