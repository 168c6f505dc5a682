import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAnalysis } from '../../../analysis/runAnalysis.ts';
import { createDashboardFixture, type DashboardFixture } from '../../../../test/dashboardFixture.ts';
import { auditEntries } from '../../testing/appHarness.ts';

let f: DashboardFixture;
let analyst: string;
let owner: string;
beforeAll(async () => {
  f = await createDashboardFixture();
  analyst = await f.h.token(await f.h.addUser('analyst@council.example', 'local_authority', 'analyst'), 'read');
  owner = await f.h.token(await f.h.addUser('owner@police.example', 'police', 'data_owner'), 'write');
}, 600_000);
afterAll(async () => f?.h.close());

const get = (url: string, token?: string) =>
  f.h.app.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} });
const q = (params: Record<string, string>) => `/api/v1/analysis?${new URLSearchParams(params).toString()}`;
const KCWI = { definition: 'knife-crime-with-injury', area: 'E09000030', period: '2024/25' };

describe('GET /api/v1/analysis', () => {
  it('answers exactly what the CLI computes, with the count worked out from the MPS dashboard file', async () => {
    const res = await get(q(KCWI), analyst);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(['definition', 'figures', 'shape', 'vintage', 'warnings']);
    expect(body.shape).toBe('headline');
    // python over demo-data/mps/monthly-crime-dashboard.csv.gz: E09000030, Knife Crime with Injury, Offences, Apr 2024–Mar 2025 = 165.
    expect(body.figures[0].count).toBe(165);
    expect(body.vintage.source).toBe('MPS monthly crime dashboard');
    const cli = await runAnalysis(f.h.t.database.db, await f.h.services.definitions(), KCWI);
    expect(body).toEqual(JSON.parse(JSON.stringify(cli)));
  });

  it('gives monthly figures by=month (Dec 2024 and Jan 2025 are 5 each in the published file, not suppressed)', async () => {
    const body = (await get(q({ ...KCWI, by: 'month' }), analyst)).json();
    expect(body.figures.map((x: { count: number }) => x.count)).toEqual([13, 16, 11, 17, 15, 15, 15, 18, 5, 5, 15, 20]);
    expect(body.figures[8].suppressed).toBeUndefined();
  });

  it("applies disclosure control to partner records, even for their data owner, and audits the analyst's aggregate read", async () => {
    const params = {
      definition: 'knife-crime',
      area: 'E09000030',
      period: 'Jan 2026',
      by: 'ward',
      source: 'partner-police',
    };
    const before = (await auditEntries(f.h, 'read.aggregate')).length;
    const byAnalyst = (await get(q(params), analyst)).json();
    const byOwner = (await get(q(params), owner)).json();
    for (const body of [byAnalyst, byOwner]) {
      expect(body.figures.every((x: { disclosureRule: string }) => x.disclosureRule === 'case-derived')).toBe(true);
      for (const x of body.figures) if (x.count !== null) expect(x.count === 0 || x.count > 7).toBe(true);
    }
    // Some ward in one month has 1–7 offences in the SYNTHETIC extract, so something must have been withheld.
    expect(byAnalyst.figures.some((x: { suppressed: boolean; rate: unknown }) => x.suppressed && x.rate === null)).toBe(
      true,
    );
    expect(byAnalyst).toEqual(byOwner);
    const entries = (await auditEntries(f.h, 'read.aggregate')).slice(before);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor_email: 'analyst@council.example', subject_id: 'partner-police' });
    expect(JSON.parse(String(entries[0]!.details))).toMatchObject({
      via: 'api',
      classification: 'personal',
      rule: 'case-derived',
    });
  });

  it('refuses a request without a token (401)', async () => {
    expect((await get(q(KCWI))).statusCode).toBe(401);
  });

  it.each([
    [{ area: 'E09000030', period: '2024/25' }, 'definition: give exactly one of definition or category'],
    [{ ...KCWI, category: 'robbery' }, 'definition: give exactly one of definition or category'],
    [{ definition: 'knife-crime', period: '2024/25' }, 'area:'],
    [{ ...KCWI, by: 'shoe-size' }, 'by:'],
    [{ ...KCWI, asOf: '18/03/2026' }, 'asOf: write the date as YYYY-MM-DD'],
    [{ ...KCWI, colour: 'red' }, 'colour'],
  ])('a bad parameter is a 400 naming it: %j', async (params, message) => {
    const res = await get(q(params as Record<string, string>), analyst);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION');
    expect(res.json().error.message).toContain(message);
  });

  it('an unreadable period is INVALID (400)', async () => {
    const res = await get(q({ ...KCWI, period: 'sometime' }), analyst);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'INVALID',
      message: expect.stringContaining('"sometime" is not a period'),
    });
  });

  it('a figure no source can produce is UNSUPPORTED (400), with the reason', async () => {
    const res = await get(
      q({ definition: 'knife-crime', area: 'E09000030', period: '2024/25', source: 'police-uk-street' }),
      analyst,
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'UNSUPPORTED', message: expect.stringContaining('police.uk') });
  });

  it('total notifiable offences asked for as TNO, as the CLI computes it', async () => {
    // python3 over demo-data/mps/recorded-crime-borough.csv: Tower Hamlets, every category, Apr 2024–Mar 2025 = 36,458.
    const params = { category: 'TNO', area: 'E09000030', period: '2024/25' };
    const body = (await get(q(params), analyst)).json();
    expect(body.figures[0]).toMatchObject({ count: 36458, source: 'MPS borough counts (London Datastore)' });
    expect(body).toEqual(
      JSON.parse(JSON.stringify(await runAnalysis(f.h.t.database.db, await f.h.services.definitions(), params))),
    );
  });

  it('an unknown area is NOT_FOUND (404)', async () => {
    const res = await get(q({ ...KCWI, area: 'Atlantis' }), analyst);
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('Atlantis') });
  });

  it('a period no source holds is NO_DATA (422), never a zero', async () => {
    const res = await get(q({ ...KCWI, period: '1999/00' }), analyst);
    expect(res.statusCode).toBe(422);
    // The reason comes from the analysis engine the API shares: the dashboard file holds 2022-03..2026-02 (MANIFEST.md).
    expect(res.json().error).toMatchObject({
      code: 'NO_DATA',
      message: expect.stringContaining(
        'MPS monthly crime dashboard holds no data for Tower Hamlets in 1999/00: the period is outside the months it holds for Tower Hamlets (2022-03 to 2026-02)',
      ),
    });
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await get('/api/v1/openapi.json')).json();
    expect(doc.paths['/analysis'].get.responses['422']).toBeDefined();
    expect(doc.paths['/analysis'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining([
        'definition',
        'category',
        'area',
        'period',
        'compare',
        'baseline',
        'by',
        'source',
        'asOf',
      ]),
    );
  });
});
