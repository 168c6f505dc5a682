import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from '../../testing/appHarness.ts';
import { synthesiseExtracts } from '../../../synth/synthesiseExtracts.ts';
import { createDashboardFixture, type DashboardFixture } from '../../../../test/dashboardFixture.ts';
import { tempDir } from '../../../../test/tempFiles.ts';

let f: DashboardFixture;
let owner: Browser;
let analyst: Browser;
let policeFile: string;
beforeAll(async () => {
  f = await createDashboardFixture();
  // The fixture may come from a cache without its files: the generator is seeded and reads only the MPS ward
  // counts, so the same call writes the same extract the fixture imported.
  policeFile = (
    await synthesiseExtracts(f.h.t.database.db, {
      boroughCode: 'E09000030',
      boroughName: 'Tower Hamlets',
      from: '2024-03',
      to: '2026-02',
      outDir: tempDir('safer-time-test-').dir,
      seed: 2024,
    })
  ).policeFile;
  // Partner police records are personal data owned by the police: their data owner reads them directly,
  // a council analyst only in aggregate, with disclosure control.
  await f.h.addUser('owner@police.example', 'police', 'data_owner');
  await f.h.addUser('analyst@council.example', 'local_authority', 'analyst');
  owner = await f.h.signIn('owner@police.example');
  analyst = await f.h.signIn('analyst@council.example');
}, 600_000);
afterAll(async () => {
  await f?.h.close();
});

/** One CSV line, with RFC 4180 quotes. */
function cells(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/**
 * Robbery offences (distinct crime_ref) in the 12 months to Feb 2026, read straight from the SYNTHETIC
 * partner police extract the fixture imported: by "weekday hour" (ISO weekday, 1 = Monday) and with no time.
 */
function robberyFromExtract(): { grid: Map<string, number>; noTime: number; total: number } {
  const [head, ...lines] = readFileSync(policeFile, 'utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/);
  const cols = cells(head!).map((c) => c.toLowerCase());
  const at = (row: string[], name: string) => row[cols.indexOf(name)] ?? '';
  const seen = new Set<string>();
  const grid = new Map<string, number>();
  let noTime = 0;
  for (const line of lines) {
    const row = cells(line);
    const date = at(row, 'offence_date');
    if (
      at(row, 'ho_major_category').toUpperCase() !== 'ROBBERY' ||
      date < '2025-03-01' ||
      date > '2026-02-28' ||
      seen.has(at(row, 'crime_ref'))
    )
      continue;
    seen.add(at(row, 'crime_ref'));
    const time = at(row, 'offence_time');
    if (!time) {
      noTime++;
      continue;
    }
    const weekday = ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
    const key = `${weekday} ${Number(time.slice(0, 2))}`;
    grid.set(key, (grid.get(key) ?? 0) + 1);
  }
  return { grid, noTime, total: seen.size };
}

/** The rows of one chart's "View as table". */
function tableRows(html: string, id: string): string[][] {
  const table = html.slice(html.indexOf(`id="${id}-table"`));
  const body = table.slice(table.indexOf('<tbody'), table.indexOf('</tbody>'));
  return [...body.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)].map((r) =>
    [...r[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => c[1]!.trim()),
  );
}
const n = (text: string) => Number(text.replace(/,/g, ''));
const spanNumber = (html: string, id: string) => n(new RegExp(`id="${id}">([^<]*)<`).exec(html)![1]!);

describe('GET /dashboard/time', () => {
  it('shows the hour × weekday grid of the Serious Violence Duty definition, labelled SYNTHETIC, adding up to the period count', async () => {
    const res = await owner.get('/dashboard/time');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('SYNTHETIC partner records');
    expect(res.body).toContain('Serious Violence Duty (Tower Hamlets needs assessment) by hour and day of the week');
    const rows = tableRows(res.body, 'time-heat-map');
    expect(rows.map((r) => r[0])).toEqual([
      'Monday',
      'Tuesday',
      'Wednesday',
      'Thursday',
      'Friday',
      'Saturday',
      'Sunday',
    ]);
    expect(rows.every((r) => r.length === 26)).toBe(true);
    const inGrid = rows.reduce((a, r) => a + r.slice(1, 25).reduce((s, c) => s + n(c), 0), 0);
    expect(inGrid).toBe(spanNumber(res.body, 'time-with-time'));
    // The headline count comes from a different aggregate: grid + no time must add up to it.
    expect(inGrid + spanNumber(res.body, 'time-no-time')).toBe(spanNumber(res.body, 'time-total'));
    expect(res.body.match(/class="app-chart__cell"/g)).toHaveLength(168);
    expect(tableRows(res.body, 'time-month-profile')).toHaveLength(12);
    expect(res.body).toContain('id="time-after-school"');
    expect(res.body).not.toMatch(/style="/);
  });

  it('counts a category cell by cell as the SYNTHETIC extract file does', async () => {
    const expected = robberyFromExtract();
    expect(expected.total).toBeGreaterThan(100);
    const res = await owner.get('/dashboard/time?category=ROBBERY');
    expect(res.statusCode).toBe(200);
    expect(spanNumber(res.body, 'time-total')).toBe(expected.total);
    expect(spanNumber(res.body, 'time-no-time')).toBe(expected.noTime);
    const rows = tableRows(res.body, 'time-heat-map');
    rows.forEach((row, d) =>
      row.slice(1, 25).forEach((cell, h) => {
        expect(n(cell), `${row[0]} ${h}:00`).toBe(expected.grid.get(`${d + 1} ${h}`) ?? 0);
      }),
    );
  });

  it('applies disclosure control for a reader who sees partner records only in aggregate', async () => {
    const res = await analyst.get('/dashboard/time?category=ROBBERY');
    expect(res.statusCode).toBe(200);
    const grid = tableRows(res.body, 'time-heat-map').flatMap((r) => r.slice(1, 25));
    // Robbery by hour and weekday has many counts of 1–7: none may show.
    expect(grid.some((c) => c === 'suppressed (small count)')).toBe(true);
    expect(grid.filter((c) => /^\d/.test(c)).every((c) => n(c) === 0 || n(c) > 7)).toBe(true);
    expect(res.body).toContain('Disclosure control applied');
  });

  it('says that times are not held when the reader asks for MPS borough counts', async () => {
    const res = await owner.get('/dashboard/time?source=mps-borough');
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(
      /id="time-problem">This figure cannot be produced: times of day are not held in MPS borough counts/,
    );
    expect(res.body).not.toContain('app-chart__cell');
  });

  it('says the same for police.uk street records, which carry the month alone', async () => {
    const res = await owner.get('/dashboard/time?category=ROBBERY&source=police-uk-street');
    expect(res.body).toMatch(/times of day are not held in police.uk/);
  });

  it.each([
    ['an unknown definition', '?definition=no-such-thing', /there is no definition called &quot;no-such-thing&quot;/],
    ['an unknown source', '?source=carrier-pigeon', /source:/],
    ['an unknown area', '?area=Atlantis', /area: no London area/],
  ])('answers %s with 400 and a message', async (_, query, message) => {
    const res = await owner.get(`/dashboard/time${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(message);
  });

  it('sends a signed-out reader to sign in', async () => {
    const res = await f.h.anonymous().get('/dashboard/time');
    expect(res.statusCode).toBe(303);
  });
});
