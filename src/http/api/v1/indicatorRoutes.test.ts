import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDashboardFixture, type DashboardFixture } from '../../../../test/dashboardFixture.ts';
import { actorOf } from '../../../auth/users.ts';
import { loadIndicators } from '../../../performance/loadIndicators.ts';
import { listReturns } from '../../../performance/returns/returnQueries.ts';
import { acceptReturn, openQuarter, saveReturn } from '../../../performance/returns/returnStore.ts';
import { currentIndicators } from '../../../performance/store/indicatorStore.ts';

// The API over the real Tower Hamlets demo files (computed indicators) plus returns entered here by test accounts.
let f: DashboardFixture;
let reader: string;
beforeAll(async () => {
  f = await createDashboardFixture();
  const db = f.h.t.database.db;
  const manager = actorOf(await f.h.addUser('manager@council.example', 'local_authority', 'partnership_manager'));
  const checker = actorOf(await f.h.addUser('checker@council.example', 'local_authority', 'analyst'));
  const police = actorOf(await f.h.addUser('owner@police.example', 'police', 'data_owner'));
  reader = await f.h.token(await f.h.addUser('viewer@health.example', 'health', 'viewer'), 'read');
  await f.h.services.indicatorSet();
  const indicators = (await currentIndicators(db)).map((s) => s.indicator);
  // Two October–September years of police returns, accepted: ASB calls 120 then 100 (lower is better).
  for (const [quarter, dueOn, asb] of [
    ['2024/25 Q2', '2024-10-31', '120'],
    ['2025/26 Q2', '2025-10-31', '100'],
  ] as const) {
    await openQuarter(db, manager, { quarter, dueOn, indicators });
    const id = (await listReturns(db, { quarter, agencies: ['police'] }))[0]!.id;
    const asks = indicators.filter((i) => i.leadAgency === 'police' && i.source.kind === 'returned');
    const entries = Object.fromEntries(asks.map((i) => [i.id, { value: i.unit.kind === 'percentage' ? '50' : '80' }]));
    await saveReturn(db, police, id, { entries: { ...entries, 'asb-calls': { value: asb } }, submit: true });
    await acceptReturn(db, checker, id);
  }
}, 600_000);
afterAll(async () => f?.h.close());

const get = (url: string, token?: string) =>
  f.h.app.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} });
const values = (id: string, quarter: string) =>
  get(`/api/v1/indicators/${id}/values?quarter=${encodeURIComponent(quarter)}`, reader);

describe('GET /api/v1/indicators', () => {
  it('lists every current indicator with its fields, in words too', async () => {
    const res = await get('/api/v1/indicators', reader);
    expect(res.statusCode).toBe(200);
    const { indicators } = res.json();
    expect(indicators).toHaveLength((await loadIndicators()).indicators.length);
    expect(indicators.find((i: { id: string }) => i.id === 'knife-crime-with-injury')).toMatchObject({
      version: 1,
      theme: 'serious-violence',
      leadAgency: 'police',
      unit: { kind: 'count', description: 'count' },
      periodType: 'rolling-12-months',
      baseline: null,
      target: { kind: 'none', description: 'no target' },
      source: { kind: 'computed', definition: 'knife-crime-with-injury' },
      citation: expect.any(String),
    });
  });

  it('filters by theme and lead agency; an unknown theme or agency is a 400 naming the field', async () => {
    const { indicators } = (await get('/api/v1/indicators?theme=violence&leadAgency=local_authority', reader)).json();
    expect(indicators.length).toBeGreaterThan(0);
    for (const i of indicators) expect(i).toMatchObject({ theme: 'violence', leadAgency: 'local_authority' });
    const theme = await get('/api/v1/indicators?theme=knitting', reader);
    expect(theme.statusCode).toBe(400);
    expect(theme.json().error.message).toMatch(/^theme: no theme "knitting"; themes: .*violence/);
    const agency = await get('/api/v1/indicators?leadAgency=nasa', reader);
    expect(agency.statusCode).toBe(400);
    expect(agency.json().error.message).toMatch(/^leadAgency: /);
  });

  it('needs a token (401)', async () => {
    expect((await get('/api/v1/indicators')).statusCode).toBe(401);
    expect((await get('/api/v1/indicators/asb-calls/values?quarter=2025/26%20Q3')).statusCode).toBe(401);
  });
});

describe('GET /api/v1/indicators/{id}/values', () => {
  it('a returned indicator: accepted values by October–September year, direction and RAG', async () => {
    const res = await values('asb-calls', '2025/26 Q3');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.quarter).toBe('2025/26 Q3');
    expect(body.values.map((v: { periodLabel: string }) => v.periodLabel)).toEqual([
      'Oct 2021–Sep 2022',
      'Oct 2022–Sep 2023',
      'Oct 2023–Sep 2024',
      'Oct 2024–Sep 2025',
    ]);
    expect(body.values.map((v: { value: number | null }) => v.value)).toEqual([null, null, 120, 100]);
    expect(body.values[0].missing).toBe('no accepted return');
    expect(body.values[3]).toMatchObject({
      periodId: 'SA 2024/25',
      numerator: null,
      partial: false,
      synthetic: false,
      comparability: expect.stringMatching(/^returned\|count\|october-september\|/),
      origin: { kind: 'returned', enteredBy: 'owner@police.example' },
      missing: null,
    });
    expect(body.baseline).toMatchObject({ periodId: 'SA 2011/12', value: null, missing: 'no accepted return' });
    expect(body.assessment).toMatchObject({
      latestPeriod: 'Oct 2024–Sep 2025',
      previousPeriod: 'Oct 2023–Sep 2024',
      direction: { state: 'improving', change: -20 },
      targetRag: { state: 'no target' },
    });
    // 120 lies inside the 95% Byar interval of a count of 100 (about 81–122): no significant difference.
    expect(body.assessment.statisticalRag.state).toBe('no significant difference');
  });

  it('a computed indicator comes from the figure engine: 12 months to Mar 2025 is the 165 of GET /analysis', async () => {
    const body = (await values('knife-crime-with-injury', '2024/25 Q4')).json();
    expect(body.values.map((v: { periodLabel: string }) => v.periodLabel)).toEqual([
      '12 months to Mar 2022',
      '12 months to Mar 2023',
      '12 months to Mar 2024',
      '12 months to Mar 2025',
    ]);
    const analysis = (
      await get('/api/v1/analysis?definition=knife-crime-with-injury&area=E09000030&period=2024/25', reader)
    ).json();
    expect(analysis.figures[0].count).toBe(165);
    expect(body.values[3]).toMatchObject({
      value: 165,
      numerator: 165,
      partial: false,
      origin: { kind: 'computed', source: analysis.vintage.source },
    });
    expect(body.assessment.latestPeriod).toBe('12 months to Mar 2025');
    expect(body.assessment.direction.state).not.toBe('no value');
  });

  it('an unknown indicator is a 404; a missing or bad quarter a 400 that says how to write one', async () => {
    const unknown = await values('no-such-indicator', '2025/26 Q3');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error).toMatchObject({
      code: 'NOT_FOUND',
      message: 'Indicator "no-such-indicator" not found',
    });
    const bad = await values('asb-calls', '2025/26 Q5');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe(
      'quarter: "2025/26 Q5" is not a quarter: write the financial year and quarter, e.g. 2024/25 Q3 (Q1 = April–June)',
    );
    const none = await get('/api/v1/indicators/asb-calls/values', reader);
    expect(none.statusCode).toBe(400);
    expect(none.json().error.message).toBe('quarter: give the quarter, e.g. 2025/26 Q3');
  });

  it('both paths are in the OpenAPI description', async () => {
    const doc = (await get('/api/v1/openapi.json')).json();
    expect(doc.paths['/indicators'].get.parameters.map((p: { name: string }) => p.name)).toEqual([
      'theme',
      'leadAgency',
    ]);
    expect(doc.paths['/indicators/{id}/values'].get.responses['404']).toBeDefined();
    expect(doc.components.schemas.IndicatorValues.properties.assessment.properties).toHaveProperty('statisticalRag');
  });
});
