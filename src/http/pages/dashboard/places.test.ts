import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { DEMO_DATA_DIR } from '../../../demo/prepareDemo.ts';
import { READERS, useSignedInDashboard } from '../../../../test/signedInDashboard.ts';

const t = useSignedInDashboard({ analyst: READERS.analyst });

const TOWER_HAMLETS = 'E09000030';

/** Tower Hamlets wards straight from the boundary file the fixture imports. */
function towerHamletsWards(): { code: string; name: string }[] {
  const fc = JSON.parse(
    readFileSync(join(DEMO_DATA_DIR, 'boundaries/wards2018_TH_Hackney_Newham_wgs84.geojson'), 'utf8'),
  ) as { features: { properties: Record<string, string> }[] };
  return fc.features
    .filter((x) => x.properties.LAGSSCODE === TOWER_HAMLETS)
    .map((x) => ({ code: x.properties.GSS_CODE!, name: x.properties.NAME! }));
}

/** The section of the page from an element id to the next h2. */
function section(html: string, id: string): string {
  const start = html.indexOf(`id="${id}"`);
  expect(start, `section ${id}`).toBeGreaterThan(0);
  const end = html.indexOf('<h2', start + 1);
  return html.slice(start, end > 0 ? end : undefined);
}

const mapLinks = (svg: string) =>
  [...svg.matchAll(/<a class="app-map__link" href="([^"]*)" aria-label="([^"]*)">/g)].map((m) => ({
    href: m[1]!.replace(/&amp;/g, '&'),
    label: m[2]!,
  }));

describe('GET /dashboard/places', () => {
  it('maps every Tower Hamlets ward as a link to its overview by default (violence against the person, latest 12 months)', async () => {
    const res = await t.as.analyst.get('/dashboard/places');
    expect(res.statusCode).toBe(200);
    const wards = towerHamletsWards();
    expect(wards).toHaveLength(20);
    const map = section(res.body, 'places-map-ward');
    const links = mapLinks(map.slice(0, map.indexOf('</svg>')));
    expect(links).toHaveLength(wards.length);
    expect(links.map((l) => new URL(l.href, 'http://x').searchParams.get('area')).sort()).toEqual(
      wards.map((w) => w.code).sort(),
    );
    for (const l of links) {
      expect(l.href).toMatch(/^\/dashboard\?area=E05\d{6}&period=12\+months\+to\+Feb\+2026$/);
      expect(l.label).toMatch(/: [\d.]+ offences per 1,000 residents, class \d of 5/);
    }
    expect(res.body).toContain('Violence against the person, Tower Hamlets, 12 months to Feb 2026');
    expect(res.body).toContain('MPS ward counts (London Datastore)');
    expect(res.body).not.toMatch(/<[a-z]+ [^>]*style="/);
  });

  it('ranks the wards with the top count for 2024/25 equal to the MPS ward file summed over April 2024 to March 2025', async () => {
    const rows = parse(readFileSync(join(DEMO_DATA_DIR, 'mps/recorded-crime-ward.csv'), 'utf8'), {
      columns: true,
    }) as Record<string, string>[];
    const months = [
      '202404',
      '202405',
      '202406',
      '202407',
      '202408',
      '202409',
      '202410',
      '202411',
      '202412',
      '202501',
      '202502',
      '202503',
    ];
    const byWard = new Map<string, number>();
    for (const r of rows) {
      if (r.lookup_boroughname !== 'Tower Hamlets' || r.majortext !== 'VIOLENCE AGAINST THE PERSON') continue;
      byWard.set(r.wardcode!, (byWard.get(r.wardcode!) ?? 0) + months.reduce((a, m) => a + Number(r[m]), 0));
    }
    const [topCode, topCount] = [...byWard].sort((a, b) => b[1] - a[1])[0]!;

    const res = await t.as.analyst.get('/dashboard/places?period=2024/25&sort=count&dir=desc');
    expect(res.statusCode).toBe(200);
    const table = section(res.body, 'ranked-table');
    const firstRow = table.slice(table.indexOf('<tbody'), table.indexOf('</tr>', table.indexOf('<tbody')));
    expect(firstRow).toContain(`href="/dashboard?area=${topCode}&amp;period=2024%2F25"`);
    const cells = [...firstRow.matchAll(/govuk-table__cell--numeric">([^<]*)</g)].map((m) => m[1]);
    expect(cells[1]).toBe(topCount.toLocaleString('en-GB'));
    // Every ward in the table links to its overview, as on the map.
    expect(table.match(/<th scope="row"[^>]*><a class="govuk-link" href="\/dashboard\?area=E05/g)).toHaveLength(
      byWard.size,
    );
    expect(table).toMatch(/aria-sort="descending"><a [^>]*>Count/);
  });

  it('sorts by links: the count column sorted descending offers ascending next', async () => {
    const res = await t.as.analyst.get('/dashboard/places?sort=count&dir=desc');
    const table = section(res.body, 'ranked-table');
    expect(table).toMatch(/href="[^"]*sort=count&amp;dir=asc#ranked-table">Count/);
    const asc = section((await t.as.analyst.get('/dashboard/places?sort=count&dir=asc')).body, 'ranked-table');
    const counts = [
      ...asc.matchAll(/<tr class="govuk-table__row">\s*<td[^>]*>\d+<\/td>\s*<th[^>]*>.*?<\/th>\s*<td[^>]*>([\d,]+)</gs),
    ].map((m) => Number(m[1]!.replace(/,/g, '')));
    expect(counts.length).toBe(20);
    expect(counts).toEqual(counts.slice().sort((a, b) => a - b));
  });

  it('compares the 32 London boroughs in the MPS borough file on a funnel plot with Tower Hamlets highlighted', async () => {
    const rows = parse(readFileSync(join(DEMO_DATA_DIR, 'mps/recorded-crime-borough.csv'), 'utf8'), {
      columns: true,
    }) as Record<string, string>[];
    const boroughs = new Set(rows.map((r) => r.boroughname!).filter((b) => b !== 'Unknown'));
    const res = await t.as.analyst.get('/dashboard/places');
    const funnel = section(res.body, 'places-funnel');
    const points = [...funnel.matchAll(/<a class="app-funnel__link" href="([^"]*)" aria-label="([^":]*):/g)];
    expect(points).toHaveLength(boroughs.size);
    expect(new Set(points.map((p) => p[2]!.replace(/&amp;/g, '&')))).toEqual(boroughs);
    const highlighted = funnel.match(
      /<a class="app-funnel__link" href="([^"]*)" aria-label="([^"]*)"><circle class="app-funnel__point app-funnel__point--highlighted"/g,
    );
    expect(highlighted).toHaveLength(1);
    expect(highlighted![0]).toContain(`area=${TOWER_HAMLETS}`);
    expect(highlighted![0]).toContain('Tower Hamlets:');
  });

  it('draws the ward hot spot map with Gi* results for every ward', async () => {
    const res = await t.as.analyst.get('/dashboard/places');
    const hot = section(res.body, 'hotspots');
    expect(mapLinks(hot)).toHaveLength(20);
    expect(hot).toContain('Benjamini–Hochberg');
  });

  it('says why the street-level grid cannot be drawn when police.uk street records are not held', async () => {
    const res = await t.as.analyst.get('/dashboard/places?hotspot=grid');
    expect(res.statusCode).toBe(200);
    expect(section(res.body, 'hotspots')).toMatch(
      /govuk-inset-text">[^<]*cannot be produced|police\.uk street records cannot count/,
    );
  });

  it('says why LSOAs cannot be mapped when no source holds this measure by LSOA, instead of showing zeros', async () => {
    const res = await t.as.analyst.get('/dashboard/places?level=lsoa');
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/The map, hot spots and ranked table cannot be produced: [^<]+LSOA/);
    expect(res.body).not.toContain('class="app-map__link"');
  });

  it('maps every Tower Hamlets LSOA (stop and search, which police.uk publishes by LSOA) with the IMD 2019 overlay, well under 300 KB', async () => {
    const fc = JSON.parse(
      readFileSync(join(DEMO_DATA_DIR, 'boundaries/lsoa2021_TowerHamlets_wgs84.geojson'), 'utf8'),
    ) as { features: { properties: Record<string, string> }[] };
    const res = await t.as.analyst.get(
      '/dashboard/places?level=lsoa&what=category:stop%20and%20search&period=12%20months%20to%20Aug%202024',
    );
    expect(res.statusCode).toBe(200);
    const map = section(res.body, 'places-map-lsoa');
    const svg = map.slice(map.indexOf('<svg'), map.indexOf('</svg>') + 6);
    expect(Buffer.byteLength(svg)).toBeLessThan(300_000);
    const links = mapLinks(svg);
    expect(links.map((l) => new URL(l.href, 'http://x').searchParams.get('area')).sort()).toEqual(
      fc.features.map((x) => x.properties.lsoa21cd).sort(),
    );
    // E01004198 (Tower Hamlets 002B) is unchanged since 2011; the IMD 2019 file gives it decile 2.
    const imd = readFileSync(join(DEMO_DATA_DIR, 'deprivation/IMD2019forLondon.csv'), 'utf8')
      .split(/\r?\n/)
      .find((l) => l.startsWith('E01004198,'))!
      .split(',');
    expect(imd[6]).toBe('2');
    expect(links.find((l) => l.href.includes('E01004198'))!.label).toContain(
      'among the 20% most deprived areas in England (IMD 2019 decile 2)',
    );
    expect(svg).toContain('class="app-map__overlay"');
    expect(section(res.body, 'ranked-table')).toContain('IMD 2019 decile');
  });

  it('maps counts when asked, with whole-number classes', async () => {
    const res = await t.as.analyst.get('/dashboard/places?measure=count');
    const links = mapLinks(section(res.body, 'places-map-ward'));
    expect(links).toHaveLength(20);
    expect(links[0]!.label).toMatch(/: [\d,]+ offences recorded, class \d of 5/);
  });

  it('shows a clear message, not zeros, for a period without data', async () => {
    const res = await t.as.analyst.get('/dashboard/places?period=2005/06');
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/cannot be produced: /);
    expect(res.body).not.toContain('class="app-map__link"');
  });

  it('rejects a bad level with a 400 naming the field', async () => {
    const res = await t.as.analyst.get('/dashboard/places?level=postcode');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('level:');
  });

  it('rejects a badly formed measure choice with a 400 naming the field', async () => {
    const res = await t.as.analyst.get('/dashboard/places?what=knife');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('what:');
  });

  it('sends a visitor who is not signed in to sign in', async () => {
    const res = await t.f.h.app.inject({ method: 'GET', url: '/dashboard/places' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(/^\/sign-in/);
  });
});
