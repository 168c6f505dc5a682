import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DEMO_DATA_DIR } from '../../../demo/prepareDemo.ts';
import { READERS, useSignedInDashboard } from '../../../../test/signedInDashboard.ts';

const t = useSignedInDashboard({ analyst: READERS.analyst });

/**
 * Tower Hamlets 'Knife Crime with Injury' offences for a span of months, read
 * straight from the MPS dashboard file (not through Safer's importer). Columns:
 * month_year, area_type, borough_snt, area_name, area_code, crime_type,
 * crime_subtype, measure, financial_year, fy_fyindex, count, refresh_date, sheet.
 */
function knifeCrimeWithInjuryFromFile(from: string, to: string): number {
  const text = gunzipSync(readFileSync(join(DEMO_DATA_DIR, 'mps/monthly-crime-dashboard.csv.gz'))).toString('utf8');
  const [header, ...lines] = text.split(/\r?\n/).filter((l) => l !== '');
  const col = Object.fromEntries(header!.split(',').map((name, i) => [name, i]));
  let total = 0;
  for (const line of lines) {
    const c = line.split(','); // no quoted fields in this file's rows we need (checked: names have no commas)
    const month = c[col.month_year!]!.slice(0, 7);
    if (
      c[col.area_type!] === 'Borough' &&
      c[col.area_code!]!.trim() === 'E09000030' &&
      c[col.crime_subtype!] === 'Knife Crime with Injury' &&
      c[col.measure!] === 'Offences' &&
      month >= from &&
      month <= to
    )
      total += Number(c[col.count!]);
  }
  return total;
}

/** The HTML of one headline figure's card. */
function card(html: string, key: string): string {
  const start = html.indexOf(`id="figure-${key}"`);
  if (start === -1) throw new Error(`no figure ${key} on the page`);
  const end = html.indexOf('</section>', start);
  return html.slice(start, end);
}

const countOn = (html: string, key: string) =>
  /data-figure="count">([\d,]+)</.exec(card(html, key))?.[1]?.replace(/,/g, '');

const KEYS = [
  'serious-violence-under-25',
  'knife-crime-with-injury',
  'knife-injury-victims-1-24',
  'domestic-abuse',
  'sexual-offences',
  'robbery-of-personal-property',
  'homicide',
];

describe('GET /dashboard (overview)', () => {
  it('shows all seven headline figures for Tower Hamlets by default, each linking to the Explorer and Trends with its exact query', async () => {
    const res = await t.as.analyst.get('/dashboard');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Serious violence in Tower Hamlets');
    expect(res.body).toContain('12 months to Feb 2026, compared with 12 months to Feb 2025');
    for (const key of KEYS) {
      const html = card(res.body, key);
      expect(html, key).toMatch(/data-figure="count">[\d,]+</);
      expect(html, key).toMatch(/app-sparkline__line/);
    }
    expect(card(res.body, 'knife-crime-with-injury')).toContain(
      'href="/explorer?definition=knife-crime-with-injury&amp;area=E09000030&amp;period=12+months+to+Feb+2026&amp;compare=12+months+to+Feb+2025"',
    );
    expect(card(res.body, 'homicide')).toContain(
      'href="/dashboard/trends?category=homicide&amp;area=E09000030&amp;period=12+months+to+Feb+2026',
    );
  });

  it('shows the knife crime with injury count for 2024/25 that the MPS dashboard file gives, and a different one for another period', async () => {
    const fy = knifeCrimeWithInjuryFromFile('2024-04', '2025-03');
    const latest = knifeCrimeWithInjuryFromFile('2025-03', '2026-02');
    // The same sums by a separate python script over the file: 165 for Apr 2024 – Mar 2025, 138 for Mar 2025 – Feb 2026.
    expect([fy, latest]).toEqual([165, 138]);
    const a = await t.as.analyst.get('/dashboard?period=2024%2F25');
    expect(a.statusCode).toBe(200);
    expect(countOn(a.body, 'knife-crime-with-injury')).toBe(String(fy));
    expect(a.body).toContain('2024/25, compared with 2023/24');
    // The financial year is selected in the shared filter form.
    expect(a.body).toMatch(/<option value="2024\/25" selected>Financial year 2024\/25<\/option>/);
    const b = await t.as.analyst.get('/dashboard');
    expect(countOn(b.body, 'knife-crime-with-injury')).toBe(String(latest));
    const sentence = /app-headline__sentence">([^<]+)</.exec(card(b.body, 'knife-crime-with-injury'))?.[1];
    // 12 months to Feb 2025 from the same file (165 by the python script too), so 138 fell 16.4%. Rates over Census 2021
    // residents (TS007A), worked out apart: Tower Hamlets 138 / 310,303 × 1,000 = 0.445, Byar 95% 0.374–0.525; London
    // (the 32 boroughs' rows) 3,359 / 8,799,631 = 0.382, inside that interval: similar.
    expect(knifeCrimeWithInjuryFromFile('2024-03', '2025-02')).toBe(165);
    expect(sentence).toBe('Knife crime with injury fell 16% on last year; the rate is similar to London.');
  });

  it("offers London boroughs and the partnership borough's wards in the area filter", async () => {
    const res = await t.as.analyst.get('/dashboard');
    expect(res.body).toContain('<optgroup label="London boroughs">');
    expect(res.body).toContain('<optgroup label="Tower Hamlets wards">');
    expect(res.body).toMatch(/<option value="E09000030" selected>Tower Hamlets<\/option>/);
  });

  it('answers a bad period with a 400 page that names the field', async () => {
    const res = await t.as.analyst.get('/dashboard?period=next%20Tuesday');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('period: &quot;next Tuesday&quot; is not a period');
    const compare = await t.as.analyst.get('/dashboard?compare=2024%2F26');
    expect(compare.statusCode).toBe(400);
    expect(compare.body).toContain('compare: &quot;2024/26&quot; is not a period');
  });

  it('says why a figure cannot be produced instead of showing zero', async () => {
    // In this fixture the MPS dashboard file starts in March 2022, borough counts and the partner extracts in March 2024.
    const res = await t.as.analyst.get('/dashboard?period=2022%2F23');
    expect(res.statusCode).toBe(200);
    expect(countOn(res.body, 'knife-crime-with-injury')).toBe(
      String(knifeCrimeWithInjuryFromFile('2022-04', '2023-03')),
    );
    for (const key of ['domestic-abuse', 'serious-violence-under-25', 'sexual-offences']) {
      const html = card(res.body, key);
      expect(html, key).toContain('This figure cannot be produced: ');
      expect(html, key).not.toContain('data-figure="count"');
    }
    expect(card(res.body, 'domestic-abuse')).toMatch(/cannot be produced: no data for Domestic abuse/);
    expect(res.body).not.toContain('come from SYNTHETIC partner records');
    // Nothing at all for 2015/16: every figure says so, and the page still works.
    const none = await t.as.analyst.get('/dashboard?period=2015%2F16');
    expect(none.statusCode).toBe(200);
    for (const key of KEYS) expect(card(none.body, key), key).toContain('This figure cannot be produced: ');
    expect(none.body).not.toContain('data-figure="count"');
    expect(none.body).toContain('None of the headline figures can be produced for Tower Hamlets in 2015/16');
  });

  it('labels figures from SYNTHETIC partner records', async () => {
    const res = await t.as.analyst.get('/dashboard');
    expect(res.body).toContain('Some figures on this page come from SYNTHETIC partner records');
    for (const key of ['domestic-abuse', 'serious-violence-under-25']) {
      expect(card(res.body, key)).toContain('<strong class="govuk-tag govuk-tag--orange">SYNTHETIC</strong>');
      expect(card(res.body, key)).toContain(
        'No London benchmark: partner police records are held only for some boroughs',
      );
    }
    expect(card(res.body, 'knife-crime-with-injury')).not.toContain('SYNTHETIC');
  });

  it('sends signed-in people from / to the overview, keeps the start page at /start, and asks others to sign in', async () => {
    const home = await t.as.analyst.get('/');
    expect(home.statusCode).toBe(303);
    expect(home.headers.location).toBe('/dashboard');
    const start = await t.as.analyst.get('/start');
    expect(start.statusCode).toBe(200);
    expect(start.body).toContain('Serious violence data for the Community Safety Partnership');
    const anonymous = await t.f.h.anonymous().get('/dashboard');
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toMatch(/^\/sign-in/);
  });
});
