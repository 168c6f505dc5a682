import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../test/createTestDb.ts';
import { importForTest } from '../../test/importHelpers.ts';
import { testData } from '../../test/sharedData.ts';
import { synthesiseExtracts, type SynthesiseResult } from './synthesiseExtracts.ts';

const TH = 'E09000030';
let t: TestDb;
let out: string;
let first: SynthesiseResult;
let police: Record<string, string>[];
let ae: Record<string, string>[];

const synthesise = (dir: string, seed: number) =>
  synthesiseExtracts(t.database.db, {
    boroughCode: TH,
    boroughName: 'Tower Hamlets',
    from: '2024-04',
    to: '2025-03',
    outDir: dir,
    seed,
  });
const readCsv = (path: string) => parse(readFileSync(path), { columns: true }) as Record<string, string>[];

beforeAll(async () => {
  t = await createTestDb();
  out = mkdtempSync(join(tmpdir(), 'safer-synth-'));
  const ward = await importForTest(t.database, testData('mps/ward/recorded-crime-ward.csv'));
  expect(ward.status).toBe('imported');
  first = await synthesise(out, 7);
  police = readCsv(first.policeFile);
  ae = readCsv(first.aeFile);
}, 600_000);
afterAll(async () => {
  await t?.drop();
  if (out) rmSync(out, { recursive: true, force: true });
});

describe('safer synthesise, Tower Hamlets 2024-04..2025-03', () => {
  it('writes one police record per offence the MPS counted', () => {
    // python3 over recorded-crime-ward.csv: sum of the 12 month columns 202404..202503 on
    // the rows whose lookup_boroughname is "Tower Hamlets" (20 wards) = 34,591.
    expect(first.policeRecords).toBe(34_591);
    expect(police).toHaveLength(34_591);
    // One ward-month by hand: Bethnal Green (E05009317), July 2024, all categories = 208.
    expect(police.filter((r) => r.ward_code === 'E05009317' && r.offence_date!.startsWith('2024-07')).length).toBe(208);
  });

  it('labels every file and row SYNTHETIC', () => {
    expect(basename(first.policeFile)).toMatch(/^SYNTHETIC/);
    expect(basename(first.aeFile)).toMatch(/^SYNTHETIC/);
    expect(police.every((r) => r.data_label === 'SYNTHETIC')).toBe(true);
    expect(ae.every((r) => r.data_label === 'SYNTHETIC')).toBe(true);
  });

  it('sizes the A&E file from violence with injury: floor(running VWI total × 40/100) per month', () => {
    // python3: TH VIOLENCE WITH INJURY by month 2024-04..2025-03 = 179,193,197,242,198,178,202,207,178,175,167,244;
    // running total × 40 // 100, differenced = 71,77,79,97,79,71,81,83,71,70,67,98 (944).
    const byMonth = new Map<string, number>();
    for (const r of ae) byMonth.set(r.arrival_date!.slice(0, 7), (byMonth.get(r.arrival_date!.slice(0, 7)) ?? 0) + 1);
    expect([...byMonth.entries()].sort().map(([, n]) => n)).toEqual([71, 77, 79, 97, 79, 71, 81, 83, 71, 70, 67, 98]);
  });

  it('gives identical bytes for the same seed and different ones for another', async () => {
    const again = mkdtempSync(join(tmpdir(), 'safer-synth-'));
    const other = mkdtempSync(join(tmpdir(), 'safer-synth-'));
    try {
      const same = await synthesise(again, 7);
      const diff = await synthesise(other, 8);
      const hash = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
      expect(hash(same.policeFile)).toBe(hash(first.policeFile));
      expect(hash(same.aeFile)).toBe(hash(first.aeFile));
      expect(hash(diff.policeFile)).not.toBe(hash(first.policeFile));
    } finally {
      rmSync(again, { recursive: true, force: true });
      rmSync(other, { recursive: true, force: true });
    }
  }, 120_000);

  it('puts under-18 victims in the after-school window on school-term weekdays more often than adults', () => {
    // Core term weeks of 2024/25 common to London schools, written out here rather than taken from the generator's calendar.
    const terms: [string, string][] = [
      ['2024-09-09', '2024-10-18'],
      ['2024-11-04', '2024-12-13'],
      ['2025-01-06', '2025-02-07'],
      ['2025-02-24', '2025-03-28'],
    ];
    const onTermWeekday = (d: string) => {
      const dow = new Date(`${d}T00:00:00Z`).getUTCDay();
      return dow >= 1 && dow <= 5 && terms.some(([a, b]) => d >= a && d <= b);
    };
    const share = (rows: Record<string, string>[]) =>
      rows.filter((r) => ['15', '16', '17'].includes(r.offence_time!.slice(0, 2))).length / rows.length;
    const timed = police.filter((r) => r.offence_time !== '' && r.victim_age !== '' && onTermWeekday(r.offence_date!));
    const young = timed.filter((r) => Number(r.victim_age) < 18);
    const adults = timed.filter((r) => Number(r.victim_age) >= 18);
    expect(young.length).toBeGreaterThan(300);
    // Three hours of 24: an even spread would give 0.125 for both groups.
    expect(share(young)).toBeGreaterThan(0.35);
    expect(share(adults)).toBeLessThan(0.25);
    expect(share(young)).toBeGreaterThan(2 * share(adults));
  });

  it('has about 8% repeat victims, young victims who are also suspects, and a realistic sanction detection rate', () => {
    const seen = new Set<string>();
    let repeats = 0;
    let withVictim = 0;
    for (const r of police) {
      if (r.victim_id === '') continue;
      withVictim += 1;
      if (seen.has(r.victim_id!)) repeats += 1;
      seen.add(r.victim_id!);
    }
    expect(repeats / withVictim).toBeGreaterThan(0.06);
    expect(repeats / withVictim).toBeLessThan(0.1);
    const youngSuspects = police.filter(
      (r) => r.suspect_id !== '' && r.suspect_age !== '' && Number(r.suspect_age) < 25,
    );
    const overlap = youngSuspects.filter((r) => seen.has(r.suspect_id!)).length / youngSuspects.length;
    expect(overlap).toBeGreaterThan(0.1);
    const sanctions = new Set([
      'charge_summons',
      'caution',
      'taken_into_consideration',
      'penalty_notice',
      'drugs_warning',
    ]);
    const rate = police.filter((r) => sanctions.has(r.outcome!)).length / police.length;
    expect(rate).toBeGreaterThan(0.08);
    expect(rate).toBeLessThan(0.2);
    const knifeRobbery = police.filter((r) => r.ho_minor_category === 'ROBBERY OF PERSONAL PROPERTY');
    expect(knifeRobbery.filter((r) => r.knife === 'Y').length / knifeRobbery.length).toBeGreaterThan(0.15);
  });

  it('imports both files as personal data and gives back the MPS ward counts exactly', async () => {
    const p = await importForTest(t.database, first.policeFile);
    expect(p.status, p.message).toBe('imported');
    expect(p.format).toBe('partner-police-extract');
    expect(p.rows).toBe(34_591);
    const a = await importForTest(t.database, first.aeFile);
    expect(a.status, a.message).toBe('imported');
    expect(a.format).toBe('ae-istv-extract');
    expect(a.rows).toBe(944);
    const batches = await t.database.db
      .selectFrom('import_batch')
      .select(['layout', 'classification', 'owning_agency', 'notes'])
      .where('layout', 'like', '%extract')
      .orderBy('id')
      .execute();
    expect(batches).toEqual([
      {
        layout: 'partner-police-extract',
        classification: 'personal',
        owning_agency: 'police',
        notes: 'data_label SYNTHETIC',
      },
      { layout: 'ae-istv-extract', classification: 'personal', owning_agency: 'health', notes: 'data_label SYNTHETIC' },
    ]);
    expect(await mismatchedCells()).toEqual([]);
    const { rows } = await sql<{ n: number; labels: string }>`
      SELECT count(*)::int AS n, string_agg(DISTINCT data_label, ',') AS labels FROM partner_police_record r
      JOIN count_slice s ON s.id = r.slice_id WHERE s.superseded_by IS NULL AND s.area_code = 'E05009317' AND s.month = '2024-07-01'`.execute(
      t.database.db,
    );
    expect(rows[0]).toEqual({ n: 208, labels: 'SYNTHETIC' });
  }, 300_000);

  it('lets a later extract of the same months replace the earlier one without counting twice', async () => {
    const later = mkdtempSync(join(tmpdir(), 'safer-synth-'));
    try {
      const next = await synthesise(later, 9);
      const r = await importForTest(t.database, next.policeFile, { extractDate: '2099-01-01' });
      expect(r.status, r.message).toBe('imported');
      expect(r.replaced).toBe(34_591);
      const { rows } = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM partner_police_record r JOIN count_slice s ON s.id = r.slice_id WHERE s.superseded_by IS NULL`.execute(
        t.database.db,
      );
      expect(rows[0]!.n).toBe(34_591);
      expect(await mismatchedCells()).toEqual([]);
    } finally {
      rmSync(later, { recursive: true, force: true });
    }
  }, 300_000);
});

/** Ward × month × category cells where the imported records and the current MPS counts disagree. */
async function mismatchedCells(): Promise<unknown[]> {
  const { rows } = await sql`
    WITH mps AS (
      SELECT s.area_code, s.month, c.category_id, sum(c.value)::int AS n
      FROM crime_count c JOIN count_slice s ON s.id = c.slice_id JOIN area a ON a.code = s.area_code
      WHERE s.series = 'mps-ward/ho_aligned' AND s.superseded_by IS NULL AND a.parent_code = ${TH}
        AND s.month BETWEEN '2024-04-01' AND '2025-03-01'
      GROUP BY 1, 2, 3 HAVING sum(c.value) > 0),
    synthetic AS (
      SELECT s.area_code, s.month, r.category_id, count(DISTINCT r.crime_ref)::int AS n
      FROM partner_police_record r JOIN count_slice s ON s.id = r.slice_id
      WHERE s.series = 'partner-police' AND s.superseded_by IS NULL
      GROUP BY 1, 2, 3)
    SELECT * FROM mps FULL JOIN synthetic USING (area_code, month, category_id)
    WHERE mps.n IS DISTINCT FROM synthetic.n`.execute(t.database.db);
  return rows;
}
