import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../auth/policy.ts';
import { actorOf } from '../../../auth/users.ts';
import { readerReportAnalyser } from '../../../release/reportAnalysers.ts';
import { saveEntry } from '../../../registers/entryStore.ts';
import { addCalendarMonths } from '../../../registers/provision/fundingCliff.ts';
import { provisionReportPort } from '../../../registers/provision/provisionReport.ts';
import { PROVISION_REGISTER } from '../../../registers/provision/provisionService.ts';
import { serviceRow, WARDS } from '../../../registers/provision/testing/serviceEntries.ts';
import { buildReport } from '../../../reports/build/buildReport.ts';
import { reportPorts } from '../../../reports/build/databasePorts.ts';
import { type BuiltReport, figureBlocks } from '../../../reports/builtReport.ts';
import { findTemplate, loadTemplates } from '../../../reports/template/loadTemplates.ts';
import { createDashboardFixture, type DashboardFixture } from '../../../../test/dashboardFixture.ts';
import type { Browser } from '../../testing/appHarness.ts';

/*
 * The provision map's pages over the real Tower Hamlets demo files (serious violence by ward from the MPS ward
 * counts) with three SYNTHETIC services: a full youth hub in Spitalfields & Banglatown whose funding ends in three
 * months, mentoring in Mile End and Spitalfields funded until six months and a day from today, and a project in
 * Bow East whose funding ended yesterday. Dates are counted from the app's today.
 */
const BOW_EAST = 'E05009319';
let f: DashboardFixture;
let viewer: Actor;
let today = '';
const as = {} as Record<'viewer' | 'admin', Browser>;
const ids: Record<'hub' | 'mentoring' | 'ended', number> = { hub: 0, mentoring: 0, ended: 0 };

beforeAll(async () => {
  f = await createDashboardFixture();
  const analyst = actorOf(await f.h.addUser('analyst@council.example', 'local_authority', 'analyst'));
  viewer = actorOf(await f.h.addUser('viewer@probation.example', 'probation', 'viewer'));
  await f.h.addUser('admin@council.example', 'local_authority', 'administrator');
  as.viewer = await f.h.signIn('viewer@probation.example');
  as.admin = await f.h.signIn('admin@council.example');
  const ctx = await f.h.services.registerContext();
  today = ctx.today;
  const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const save = async (row: Record<string, string>) =>
    (await saveEntry(f.h.services.db, ctx, analyst, PROVISION_REGISTER, serviceRow(row), { submit: true })).id;
  ids.hub = await save({
    name: 'SYNTHETIC Spitalfields Youth Hub',
    wards: WARDS.spitalfields.code,
    capacity: '30',
    caseload: '30',
    funding_ends_on: addCalendarMonths(today, 3),
    evidence_impact: 'high',
    evidence_strength: '2 - limited',
  });
  ids.mentoring = await save({
    name: 'SYNTHETIC Mile End Mentoring',
    needs: 'youth violence',
    wards: `${WARDS.mileEnd.code};${WARDS.spitalfields.code}`,
    capacity: '40',
    caseload: '10',
    funding_ends_on: new Date(Date.parse(`${addCalendarMonths(today, 6)}T00:00:00Z`) + 86_400_000)
      .toISOString()
      .slice(0, 10),
  });
  ids.ended = await save({
    name: 'SYNTHETIC Bow East Project',
    needs: 'exploitation',
    wards: BOW_EAST,
    capacity: '12',
    funding_ends_on: yesterday,
  });
}, 600_000);
afterAll(async () => f?.h.close());

const entryHref = (id: number) => `href="/registers/provision-services/entries/${id}"`;
/** The row headers of the page's first table body, in order, as text. */
const rowHeaders = (html: string): string[] => {
  const body = html.slice(html.indexOf('<tbody'), html.indexOf('</tbody>'));
  return [...body.matchAll(/<th scope="row" class="govuk-table__header">([\s\S]*?)<\/th>/g)].map((m) =>
    m[1]!
      .replace(/<[^>]+>/g, ' ')
      .replace(/&amp;/g, '&')
      .replace(/\s+/g, ' ')
      .trim(),
  );
};

describe('provision map pages', () => {
  it('shows the matrix to a reader of the register, each service linked to its record', async () => {
    const page = await as.viewer.get('/provision');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('3 services on the provision map; 8 of 8 needs have a gap.');
    expect(page.body).toContain(entryHref(ids.hub));
    expect(page.body).toContain(
      'SYNTHETIC Spitalfields Youth Hub</a>: high impact, evidence 2 - limited (no source given)',
    );
    expect(page.body).toContain('30 of 30 places (100% full) <strong>full</strong>');
    expect(page.body).toContain('At or over capacity: SYNTHETIC Spitalfields Youth Hub');
    expect(page.body).toContain('No service meets this need');
    expect(page.body).toContain('class="app-table-scroll"');
  });

  it('lists wards with no covering service first, then covered wards, with rates through the release layer', async () => {
    const page = await as.viewer.get('/provision/coverage');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Wards no service covers come first, highest rate first');
    const rows = rowHeaders(page.body);
    expect(rows).toHaveLength(20);
    // 17 of the 20 wards have no service; the three covered ones come last.
    expect(rows.slice(0, 17).every((r) => r.includes('No service'))).toBe(true);
    expect(rows.slice(17).map((r) => r.replace(' High need', ''))).toEqual(
      expect.arrayContaining(['Spitalfields & Banglatown', 'Mile End', 'Bow East']),
    );
    expect(page.body).not.toContain('No rates can be shown');
    // The rule: the uncovered wards' rates never rise down the table.
    const body = page.body.slice(page.body.indexOf('<tbody'), page.body.indexOf('</tbody>'));
    const rates = [
      ...body.matchAll(/<\/th>\s*<td class="govuk-table__cell govuk-table__cell--numeric">([\d.]+)<\/td>/g),
    ].map((m) => Number(m[1]));
    expect(rates).toHaveLength(20);
    const uncovered = rates.slice(0, 17);
    expect(uncovered).toEqual([...uncovered].sort((a, b) => b - a));
    // Spitalfields & Banglatown is covered by the hub and the mentoring.
    const spitalfields = page.body.slice(page.body.indexOf('>Spitalfields &amp; Banglatown'));
    expect(spitalfields).toMatch(
      /^[\s\S]*?govuk-table__cell--numeric">[^<]+<\/td>\s*<td class="govuk-table__cell govuk-table__cell--numeric">2<\/td>/,
    );
    // The map, and its table with the service count beside each ward's rate.
    expect(page.body).toContain('id="provision-coverage-map"');
    expect(page.body).toContain('Services covering</th>');
  });

  it('shows coverage by the services meeting one need, and refuses a need not in the register', async () => {
    // Only the Bow East project meets exploitation: Bow East is the one covered ward, listed last.
    const page = await as.viewer.get('/provision/coverage?need=exploitation');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Gaps first: services for exploitation');
    expect(page.body).toContain('<option value="exploitation" selected>Exploitation</option>');
    const rows = rowHeaders(page.body);
    expect(rows.filter((r) => !r.includes('No service'))).toEqual([rows.at(-1)]);
    expect(rows.at(-1)).toMatch(/^Bow East/);
    const bad = await as.viewer.get('/provision/coverage?need=parking');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('need: choose one of knife crime');
  });

  it('lists the funding cliff: ended first, the one ending in three months, not the one six months and a day away', async () => {
    const page = await as.viewer.get('/provision/funding');
    expect(page.statusCode).toBe(200);
    const rows = rowHeaders(page.body);
    expect(rows).toEqual(['SYNTHETIC Bow East Project', 'SYNTHETIC Spitalfields Youth Hub']);
    expect(page.body).toMatch(/govuk-tag--red">\s*Ended\s*<\/strong>/);
    expect(page.body).not.toContain('SYNTHETIC Mile End Mentoring');
    // 12 + 30 places; caseload 30 (the Bow East project's is not recorded).
    expect(page.body).toContain('<strong>42 places</strong> and <strong>a caseload of 30</strong> at risk');
  });

  it('refuses every view to someone outside the register’s readership, and sends the signed-out to sign in', async () => {
    for (const url of ['/provision', '/provision/coverage', '/provision/funding']) {
      const refused = await as.admin.get(url);
      expect(refused.statusCode, url).toBe(403);
      expect(refused.body).not.toContain('SYNTHETIC');
      expect(refused.body).toContain('You may not read the Services and interventions register');
      expect((await f.h.anonymous().get(url)).statusCode, url).toBe(303);
    }
  });
});

describe('the SNA built with services', () => {
  let report: BuiltReport;
  beforeAll(async () => {
    const template = findTemplate(await loadTemplates(), 'sna');
    report = await buildReport(
      { template, area: 'Tower Hamlets', period: '2024/25', compare: '2023/24', edition: 'internal' },
      {
        ...reportPorts(f.h.services.db, await f.h.services.definitions()),
        analyse: readerReportAnalyser(f.h.services, viewer, 'internal'),
        provision: provisionReportPort(
          f.h.services.db,
          await f.h.services.registers(),
          'E09000030',
          { actor: viewer },
          today,
        ),
      },
    );
  }, 600_000);

  it('shows the services in its Current provision section, with a data note', () => {
    const section = report.sections.find((s) => s.id === 'provision')!;
    const [matrix, funding] = figureBlocks({ ...report, sections: [section] });
    expect(matrix?.unavailable).toBeNull();
    expect(matrix?.table.rows[0]?.slice(0, 3)).toEqual([
      'Knife crime',
      'SYNTHETIC Spitalfields Youth Hub (high impact, evidence 2 - limited; no source given)',
      'SYNTHETIC Spitalfields Youth Hub (SYNTHETIC Trust): 30 of 30 places (100% full)',
    ]);
    expect(funding?.table.rows.map((r) => r[0])).toEqual([
      'SYNTHETIC Bow East Project',
      'SYNTHETIC Spitalfields Youth Hub',
      'Total at risk',
    ]);
    expect(JSON.stringify(section.blocks[0])).toContain('3 services on the provision map meet 3 of 8 needs');
    for (const b of [matrix, funding]) {
      const note = report.notes[(b?.notes[0] ?? 0) - 1];
      expect(note?.source).toBe('Services and interventions register (provision map)');
      expect(note?.extractDates).toEqual([today]);
      expect(note?.usedBy).toEqual([b?.label]);
    }
  });
});
