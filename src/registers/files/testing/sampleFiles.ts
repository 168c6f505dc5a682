import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { csvLine } from '../../../domain/csv/csvLine.ts';
import { POINTS } from '../../testing/registerTestDb.ts';

/*
 * SYNTHETIC rows for each of the eight registers, as a person would fill the template: two per register, in two
 * variants (a for the CSV file, b for the XLSX file) that are not duplicates of each other. Every text says
 * SYNTHETIC. Dates are before the tests' "today", 2026-03-31.
 */

export type Row = Record<string, string>;

const { whitechapel, mileEndPark } = POINTS;

export function sampleRows(
  registerId: string,
  variant: 'a' | 'b',
  refs: { bin?: string; tension?: string } = {},
): Row[] {
  const v = variant === 'a' ? 0 : 1;
  const day = (d: number) => `2026-0${2 + v}-${String(d).padStart(2, '0')}`;
  switch (registerId) {
    case 'weapon-sweeps':
      return [
        {
          swept_on: day(3),
          location: `SYNTHETIC Whitechapel Waste ${variant}`,
          team: 'SNT',
          'items.knife': '2',
          'items.bladed article': '0',
          'items.firearm': '0',
          'items.other': '1',
          ...whitechapel,
          lsoa: '',
          ward: '',
        },
        {
          swept_on: day(4),
          location: `SYNTHETIC Mile End Park ${variant}`,
          team: 'SNT',
          'items.knife': '',
          'items.bladed article': '1',
          'items.firearm': '',
          'items.other': '',
          latitude: '',
          longitude: '',
          lsoa: '',
          ward: 'E05009327',
        },
      ];
    case 'knife-bins':
      return [
        {
          site: `SYNTHETIC bin by the station ${variant}`,
          installed_on: day(1),
          host: 'SYNTHETIC church',
          removed_on: '',
          ...whitechapel,
        },
        {
          site: `SYNTHETIC bin in the park ${variant}`,
          installed_on: day(2),
          host: '',
          removed_on: '',
          ...mileEndPark,
        },
      ];
    case 'knife-bin-emptyings':
      return [
        {
          bin: refs.bin ?? '',
          emptied_on: day(10),
          'items.knife': '3',
          'items.bladed article': '1',
          'items.firearm': '0',
          'items.other': '0',
        },
        {
          bin: refs.bin ?? '',
          emptied_on: day(17),
          'items.knife': '1',
          'items.bladed article': '0',
          'items.firearm': '0',
          'items.other': '2',
        },
      ];
    case 'test-purchases':
      return [
        {
          purchased_on: day(5),
          retailer: 'SYNTHETIC Hardware Ltd',
          premises: `SYNTHETIC 1 High Street ${variant}`,
          item: 'knife',
          outcome: 'fail',
          follow_up: 'warning',
          notes: '',
          ...whitechapel,
        },
        {
          purchased_on: day(5),
          retailer: 'SYNTHETIC Kitchens',
          premises: `SYNTHETIC 2 Park Road ${variant}`,
          item: 'razor blades',
          outcome: 'pass',
          follow_up: '',
          notes: 'SYNTHETIC',
          ...mileEndPark,
        },
      ];
    case 'community-tensions':
      return [
        {
          reported_on: day(6),
          issue: `SYNTHETIC tension ${variant}1`,
          description: 'SYNTHETIC',
          communities: 'SYNTHETIC community',
          level: 'medium',
          trend: 'rising',
          sources: 'police; schools',
          actions: '',
          review_on: '2026-04-30',
          lsoa: 'E01004208',
          ward: '',
        },
        {
          reported_on: day(7),
          issue: `SYNTHETIC tension ${variant}2`,
          description: 'SYNTHETIC',
          communities: 'SYNTHETIC community',
          level: 'low',
          trend: 'stable',
          sources: '',
          actions: 'SYNTHETIC',
          review_on: '2026-05-30',
          lsoa: '',
          ward: 'E05009327',
        },
      ];
    case 'serious-incidents':
      return [
        {
          occurred_at: `${day(8)} 21:40`,
          location: 'SYNTHETIC street',
          incident_type: 'stabbing',
          victims: '1',
          'victim_ages.under 18': '1',
          'victim_ages.18 to 24': '0',
          'victim_ages.25 and over': '0',
          'victim_ages.not known': '0',
          weapons: 'knife',
          linked_tensions: refs.tension ?? '',
          impact_assessment: 'SYNTHETIC',
          response: '',
          ...whitechapel,
          lsoa: '',
          ward: '',
        },
        {
          occurred_at: `${day(9)} 02:15`,
          location: 'SYNTHETIC estate',
          incident_type: 'assault',
          victims: '2',
          'victim_ages.under 18': '0',
          'victim_ages.18 to 24': '2',
          'victim_ages.25 and over': '0',
          'victim_ages.not known': '0',
          weapons: 'none',
          linked_tensions: '',
          impact_assessment: 'SYNTHETIC',
          response: 'SYNTHETIC',
          latitude: '',
          longitude: '',
          lsoa: 'E01004270',
          ward: '',
        },
      ];
    case 'locations-of-concern':
      return [
        {
          identified_on: day(11),
          place: `SYNTHETIC Hotel ${variant}`,
          place_type: 'hotel',
          concern: 'SYNTHETIC',
          safeguarding_plan: '',
          site_contact: 'SYNTHETIC Manager',
          review_on: '2026-06-01',
          // The register's duplicate key is the place and its type: the variants stand in different places.
          ...(v === 0 ? whitechapel : mileEndPark),
          lsoa: '',
          ward: '',
        },
        {
          identified_on: day(12),
          place: `SYNTHETIC Park ${variant}`,
          place_type: 'park',
          concern: 'SYNTHETIC',
          safeguarding_plan: 'SYNTHETIC',
          site_contact: '',
          review_on: '2026-06-01',
          latitude: '',
          longitude: '',
          lsoa: '',
          ward: v === 0 ? 'E05009327' : 'E05009333',
        },
      ];
    case 'provision-services':
      return [
        {
          name: `SYNTHETIC mentoring ${variant}`,
          provider: 'SYNTHETIC Youth Trust',
          provider_kind: 'voluntary organisation',
          description: 'SYNTHETIC',
          service_type: 'prevention',
          needs: 'knife crime; youth violence',
          age_from: '10',
          age_to: '18',
          cohort: '',
          whole_borough: 'no',
          wards: 'E05009327; E05009333',
          started_on: day(1),
          capacity: '40',
          caseload: '35',
          referral_route: '',
          funding_source: 'SYNTHETIC fund',
          funding_ends_on: '2026-09-30',
          evidence_impact: 'moderate',
          evidence_strength: '3 - moderate',
          evidence_source: 'https://example.org/synthetic',
          contact: '',
        },
        {
          name: `SYNTHETIC diversion ${variant}`,
          provider: 'SYNTHETIC Council',
          provider_kind: 'statutory agency',
          description: 'SYNTHETIC',
          service_type: 'diversion',
          needs: 'exploitation',
          age_from: '',
          age_to: '',
          cohort: '',
          whole_borough: 'yes',
          wards: '',
          started_on: day(2),
          capacity: '',
          caseload: '',
          referral_route: '',
          funding_source: '',
          funding_ends_on: '',
          evidence_impact: '',
          evidence_strength: '',
          evidence_source: '',
          contact: '',
        },
      ];
    default:
      throw new Error(`no sample rows for ${registerId}`);
  }
}

/** A CSV file of the rows (header from the first row's keys), with a BOM as spreadsheets write it. */
export async function writeCsvFile(
  dir: string,
  name: string,
  rows: readonly Row[],
  header?: string[],
): Promise<string> {
  const columns = header ?? Object.keys(rows[0] ?? {});
  let text = `\uFEFF${csvLine(columns, { neutralise: false })}`;
  for (const row of rows)
    text += csvLine(
      columns.map((c) => row[c] ?? ''),
      { neutralise: false },
    );
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

/** An XLSX file of the rows on its first sheet, dates and numbers typed as a spreadsheet would hold them. */
export async function writeXlsxFile(dir: string, name: string, rows: readonly Row[]): Promise<string> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Entries');
  const columns = Object.keys(rows[0] ?? {});
  sheet.addRow(columns);
  for (const row of rows) sheet.addRow(columns.map((c) => typed(row[c] ?? '')));
  const path = join(dir, name);
  await book.xlsx.writeFile(path);
  return path;
}

function typed(text: string): string | number | Date | null {
  if (text === '') return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return new Date(`${text}T00:00:00Z`);
  if (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(text)) return new Date(`${text.replace(' ', 'T')}:00Z`);
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  return text;
}
