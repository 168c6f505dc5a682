import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { canReadData, type Actor } from '../../../auth/policy.ts';
import { DEMO_DATA_DIR } from '../../../demo/prepareDemo.ts';
import { READERS, useSignedInDashboard } from '../../../../test/signedInDashboard.ts';

const t = useSignedInDashboard(READERS);

const csvRows = (file: string): string[][] =>
  parse(gunzipSync(readFileSync(join(DEMO_DATA_DIR, file))), { relax_column_count: true, bom: true }) as string[][];
const unescapeHtml = (s: string) =>
  s
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .trim();

/** The "View as table" rows of one chart on the page: [row header, cells…]. */
function tableRows(html: string, chartId: string): string[][] {
  const start = html.indexOf(`id="${chartId}-table"`);
  expect(start, `table for ${chartId}`).toBeGreaterThan(-1);
  const body = html.slice(html.indexOf('<tbody', start), html.indexOf('</tbody>', start));
  return body
    .split('<tr class="govuk-table__row">')
    .slice(1)
    .map((row) => [...row.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((m) => unescapeHtml(m[1]!)));
}

/** The panel's own part of the page (heading to the next panel). */
function panel(html: string, id: string): string {
  const start = html.indexOf(`id="${id}-panel"`);
  expect(start, `panel ${id}`).toBeGreaterThan(-1);
  const next = html.indexOf('-panel"', start + id.length + 10);
  return html.slice(start, next === -1 ? undefined : next);
}

/** One section of the page (its heading to the next section). */
function section(html: string, id: string): string {
  const start = html.indexOf(`<section class="govuk-!-margin-bottom-9" id="${id}"`);
  expect(start, `section ${id}`).toBeGreaterThan(-1);
  const end = html.indexOf('</section>', start);
  return html.slice(start, end);
}

/** Tower Hamlets LSOAs and their Census 2021 TS021 residents, from the Nomis file (rows named "E01… : Tower Hamlets 001A"). */
function towerHamletsEthnicity(): { lsoas: Set<string>; black: number; white: number } {
  const rows = csvRows('population/census2021-ts021-lsoa-nomis.csv.gz');
  const head = rows.find((r) => r[0]?.startsWith('2021 super output area'))!;
  const blackCol = head.findIndex((c) => c.startsWith('Black, Black British'));
  const whiteCol = head.indexOf('White');
  const lsoas = new Set<string>();
  let black = 0;
  let white = 0;
  for (const r of rows) {
    const m = /^(E01\d{6}) : Tower Hamlets /.exec(r[0] ?? '');
    if (!m) continue;
    lsoas.add(m[1]!);
    black += Number(r[blackCol]);
    white += Number(r[whiteCol]);
  }
  return { lsoas, black, white };
}

describe('People page: stop and search', () => {
  it('shows the Black vs White search rate ratio for Tower Hamlets in 2023 that the police.uk and Census files give', async () => {
    // The engine groups searches by the person's *self-defined* ethnicity (src/analysis/aggregates/aggregateFill.ts:
    // BROAD_ETHNICITY_SQL('q.self_defined_ethnicity')), the same self-identified basis as the Census TS021 question;
    // officer-defined ethnicity is an officer's perception and is kept apart (officer_ethnic_group). Searches are
    // placed by month of Date and counted for a borough through their LSOA 2021 (point in polygon).
    const census = towerHamletsEthnicity();
    expect(census.lsoas.size).toBe(169);
    const [head, ...rows] = csvRows('police-uk/stop_and_search_TowerHamlets_pip_lsoa21.csv.gz');
    const col = (name: string) => head!.indexOf(name);
    let black = 0;
    let white = 0;
    for (const r of rows) {
      if (!r[col('Date')]!.startsWith('2023') || !census.lsoas.has(r[col('LSOA21CD (point-in-polygon)')]!)) continue;
      const self = r[col('Self-defined ethnicity')]!;
      if (self.startsWith('Black')) black += 1;
      if (self.startsWith('White')) white += 1;
    }
    expect([black, white]).toEqual([961, 1756]);
    const ratio = black / census.black / (white / census.white);

    const res = await t.as.analyst.get('/dashboard/people?area=E09000030&period=2023');
    expect(res.statusCode).toBe(200);
    const table = tableRows(res.body, 'stop-search-ethnicity');
    const blackRow = table.find((r) => r[0] === 'Black')!;
    expect(blackRow[1]).toBe(ratio.toFixed(2));
    expect(blackRow[1]).toBe('2.95');
    expect(blackRow.slice(4, 6)).toEqual(['961', census.black.toLocaleString('en-GB')]);
    expect(table.find((r) => r[0] === 'White')![1]).toBe('reference');
    expect(panel(res.body, 'stop-search-ethnicity')).toContain('Source: police.uk stop and search');
  });

  it('shows outcomes with the find rate, each a share of all searches', async () => {
    const res = await t.as.analyst.get('/dashboard/people?period=2023');
    const rows = tableRows(res.body, 'stop-search-outcome');
    const searches = rows.reduce((a, r) => a + Number(r[4]!.replace(/,/g, '')), 0);
    const nfa = Number(rows.find((r) => /no further action/i.test(r[0]!))![4]!.replace(/,/g, ''));
    const find = (((searches - nfa) / searches) * 100).toFixed(1);
    expect(panel(res.body, 'stop-search-outcome')).toContain(`Find rate: ${find}%`);
  });

  it('says why stop and search is missing for a period the records do not reach, and links to the latest they hold', async () => {
    const [head, ...rows] = csvRows('police-uk/stop_and_search_TowerHamlets_pip_lsoa21.csv.gz');
    const latest = rows
      .map((r) => r[head!.indexOf('Date')]!.slice(0, 7))
      .reduce((m, month) => (month > m ? month : m), '');
    const label = `12 months to ${new Date(`${latest}-01T00:00:00Z`).toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' })} ${latest.slice(0, 4)}`;
    const res = await t.as.analyst.get('/dashboard/people?period=12+months+to+Feb+2026');
    expect(res.statusCode).toBe(200);
    // Both stop-and-search figures fail for the same reason, so the section says it once.
    const part = section(res.body, 'stop-and-search');
    // The months are the runs of Date months in the file (python3: 2016-06..2019-02, 2021-06..2021-12, 2022-02..2024-08; MANIFEST.md: 2019-03..2021-05 and 2022-01 missing).
    expect(part).toContain(
      'These figures cannot be produced: no data for stop and search: police.uk stop and search holds no data for Tower Hamlets in 12 months to Feb 2026: the period is outside the months it holds for Tower Hamlets (2016-06 to 2019-02, 2021-06 to 2021-12, 2022-02 to 2024-08).',
    );
    expect(part).not.toContain('<svg');
    expect(res.body).toContain(`latest 12 months published: ${label}`);
    expect(res.body).toContain(`period=${encodeURIComponent(label).replace(/%20/g, '+')}`);
  });
});

describe('People page: victim and suspect profiles', () => {
  it('shows a victim age profile whose shares sum to 100% and are each count ÷ total', async () => {
    const res = await t.as.analyst.get('/dashboard/people?period=12+months+to+Feb+2026');
    expect(res.statusCode).toBe(200);
    const rows = tableRows(res.body, 'victim-age-profile');
    expect(rows.map((r) => r[0])).toEqual([
      '0 to 9',
      '10 to 14',
      '15 to 24',
      '25 to 34',
      '35 to 44',
      '45 to 54',
      '55 to 64',
      '65 and over',
    ]);
    const shares = rows.map((r) => Number(r[1]!.replace('%', '')));
    const counts = rows.map((r) => Number(r[4]!.replace(/,/g, '')));
    const total = counts.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(0);
    // Eight shares rounded to 0.1 each: the sum is within 8 × 0.05 of 100.
    expect(Math.abs(shares.reduce((a, b) => a + b, 0) - 100)).toBeLessThanOrEqual(0.4);
    const band = rows.findIndex((r) => r[0] === '15 to 24');
    expect(rows[band]![1]).toBe(`${((counts[band]! / total) * 100).toFixed(1)}%`);
    expect(res.body).toContain(`${total.toLocaleString('en-GB')} with a known age`);
  });

  it('labels every partner chart SYNTHETIC, shows the warning, and states each section’s source', async () => {
    const res = await t.as.analyst.get('/dashboard/people?period=12+months+to+Feb+2026');
    expect(res.body).toContain('Some figures on this page come from SYNTHETIC partner records');
    for (const id of [
      'victim-age-profile',
      'victim-sex-profile',
      'victim-ethnicity-profile',
      'suspect-age-profile',
      'suspect-sex-profile',
      'suspect-ethnicity-profile',
      'victim-ethnicity-ratio',
      'suspect-ethnicity-ratio',
      'victim-age-ratio',
      'suspect-age-ratio',
      'victim-suspect-overlap',
    ]) {
      const part = panel(res.body, id);
      expect(part, id).toMatch(/<figcaption[^>]*>[^<]*\(SYNTHETIC partner records\)<\/figcaption>/);
      expect(part, id).toContain(
        'Source: partner police extract (SYNTHETIC records generated for the demo, not real people)',
      );
    }
  });

  it('shows overlap shares that are people in both roles ÷ victims and ÷ suspects', async () => {
    const res = await t.as.analyst.get('/dashboard/people?period=12+months+to+Feb+2026');
    const [victims, suspects] = tableRows(res.body, 'victim-suspect-overlap');
    for (const row of [victims!, suspects!]) {
      const both = Number(row[4]!.replace(/,/g, ''));
      const of = Number(row[5]!.replace(/,/g, ''));
      expect(row[1]).toBe(`${((both / of) * 100).toFixed(1)}%`);
    }
    expect(victims![4]).toBe(suspects![4]);
  });

  it('says why partner figures cannot be produced for a period the extracts do not cover, never showing zero', async () => {
    // The SYNTHETIC extracts run Mar 2024 – Feb 2026: calendar 2023 has none.
    const res = await t.as.analyst.get('/dashboard/people?period=2023');
    expect(res.statusCode).toBe(200);
    for (const id of ['victims', 'suspects', 'disproportionality']) {
      const part = section(res.body, id);
      expect(part, id).toContain('These figures cannot be produced: no data for Serious Violence Duty');
      expect(part, id).not.toContain('<svg');
    }
    expect(panel(res.body, 'victim-suspect-overlap')).toContain('This figure cannot be produced: no data for');
    expect(section(res.body, 'overlap')).not.toContain('<svg');
    // Stop and search holds 2023, so its section still shows figures.
    expect(section(res.body, 'stop-and-search')).toContain('<svg');
    expect(res.body).not.toContain('Some figures on this page come from SYNTHETIC partner records');
  });
});

describe('People page: access and bad requests', () => {
  const personalPolice = { classification: 'personal', owningAgency: 'police' } as const;
  const actor = (agency: string, role: Actor['role']): Actor => ({ id: 0, email: 'x', agency, role });

  it('shows a viewer the figures the rules allow: partner records only as protected totals, stop and search in full', async () => {
    // src/auth/policy.ts: a viewer may not read personal data, so partner police figures reach them only in aggregate.
    expect(canReadData(actor('probation', 'viewer'), personalPolice)).toBe(false);
    const res = await t.as.viewer.get('/dashboard/people?period=12+months+to+Feb+2026');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(
      'Partner police records are personal data of another agency: with your role you see them only as totals for groups of people',
    );
    expect(panel(res.body, 'victim-age-profile')).toContain('Disclosure control applied');
    // Case-derived rule: no published count is between 1 and 7.
    for (const id of [
      'victim-age-profile',
      'suspect-age-profile',
      'victim-ethnicity-profile',
      'suspect-ethnicity-profile',
    ]) {
      for (const row of tableRows(res.body, id)) {
        const n = Number(row[4]!.replace(/,/g, ''));
        expect(row[4] === 'suppressed' || n === 0 || n > 7, `${id} ${row.join('|')}`).toBe(true);
      }
    }
    const y2023 = await t.as.viewer.get('/dashboard/people?period=2023');
    expect(y2023.statusCode).toBe(200);
    expect(tableRows(y2023.body, 'stop-search-ethnicity').find((r) => r[0] === 'Black')![1]).toBe('2.95');
  });

  it('protects small counts for a viewer in a ward, showing "suppressed" rather than the number', async () => {
    // Knife crime in one ward (Weavers) is small enough that some age groups hold 1–7 victims.
    const url = '/dashboard/people?area=E05009335&definition=knife-crime&period=12+months+to+Feb+2026';
    const res = await t.as.viewer.get(url);
    expect(res.statusCode).toBe(200);
    const part = panel(res.body, 'victim-age-profile');
    expect(part).toContain('counts are shown instead of shares');
    const seen = tableRows(res.body, 'victim-age-profile');
    for (const row of seen)
      expect(row[1] === 'suppressed' || row[1] === '0' || Number(row[1]) > 7, row.join('|')).toBe(true);
    // The police data owner reads the records directly: the groups hidden from the viewer include real small counts.
    const direct = tableRows((await t.as.owner.get(url)).body, 'victim-age-profile');
    const hiddenCounts = seen.flatMap((row, i) =>
      row[1] === 'suppressed' ? [Number(direct[i]![4]!.replace(/,/g, ''))] : [],
    );
    expect(hiddenCounts.length).toBeGreaterThan(0);
    expect(hiddenCounts.some((n) => n >= 1 && n <= 7)).toBe(true);
  });

  it('shows the police data owner partner figures directly, without the aggregate notice', async () => {
    expect(canReadData(actor('police', 'data_owner'), personalPolice)).toBe(true);
    const res = await t.as.owner.get('/dashboard/people?period=12+months+to+Feb+2026');
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('with your role you see them only as totals');
    expect(panel(res.body, 'victim-age-profile')).not.toContain('Disclosure control applied');
  });

  it('answers a period it cannot read, or an unknown definition, with 400 and the reason', async () => {
    const bad = await t.as.analyst.get('/dashboard/people?period=not+a+period');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('period:');
    const unknown = await t.as.analyst.get('/dashboard/people?definition=no-such-definition');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('no definition called');
    const area = await t.as.analyst.get('/dashboard/people?area=Nowhere+at+all');
    expect(area.statusCode).toBe(400);
  });

  it('sends a reader who is not signed in to sign in', async () => {
    const res = await t.f.h.anonymous().get('/dashboard/people');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toContain('/sign-in');
  });
});
