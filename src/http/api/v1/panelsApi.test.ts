import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../../auth/apiTokens.ts';
import { seedPanelPeople } from '../../../panels/testing/panelTestDb.ts';
import { createHarness, type Harness } from '../../testing/appHarness.ts';

/*
 * The panels API with SYNTHETIC facts in 2026/27 Q1 (April–June 2026): 12 screenings by health and 9 by police
 * (both above 7, so released as they are) and 3 by the fire service (released as *; secondary suppression then
 * hides the smallest other count in the quarter, police's 9). A MACE case exists: the MACE chair reads it in the
 * browser, yet their token gets 404 for it, as for an id that does not exist.
 */
let h: Harness;
let caseId: number;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  h = await createHarness();
  const db = h.t.database.db;
  const people = await seedPanelPeople(db);
  for (const who of ['maceChair', 'viewer'] as const)
    tokens[who] = (await createApiToken(db, { userId: people[who].id, name: 'test', scope: 'read' })).token;
  const fact = (agency: string, occurred_on = '2026-05-04') => ({
    kind: 'screening' as const,
    occurred_on,
    agency,
    age_band: '10-15',
    sex: 'female',
    ethnicity_group: 'White',
    source_token: null,
  });
  await db
    .insertInto('panel_fact')
    .values([
      ...Array.from({ length: 12 }, () => fact('health')),
      ...Array.from({ length: 9 }, () => fact('police')),
      ...Array.from({ length: 3 }, () => fact('fire')),
    ])
    .execute();
  caseId = (
    await db
      .insertInto('panel_case')
      .values({ reference: 'C-SYN-API', panel_id: 'mace', status: 'open', summary: 'SYNTHETIC' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}, 120_000);
afterAll(async () => h?.close());

const get = (url: string, who?: string) =>
  h.app.inject({ method: 'GET', url, headers: who ? { authorization: `Bearer ${tokens[who]}` } : {} });

describe('GET /api/v1/panels/counts', () => {
  it('gives any read token the counts, suppressed', async () => {
    const r = await get(
      '/api/v1/panels/counts?measure=screenings&period=quarter&by=agency&from=2026-04-01&to=2026-06-30',
      'viewer',
    );
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.suppression).toBe('case-derived and service data: counts 1–7 suppressed as *');
    expect(
      Object.fromEntries(body.cells.map((c: { category: string; shown: string }) => [c.category, c.shown])),
    ).toEqual({
      fire: '*',
      health: '12',
      police: '*',
    });
    expect([body.periodTotals['2026/27 Q1'], body.total]).toEqual(['24', '24']);
  });

  it('names the field that is wrong, and needs a token', async () => {
    const bad = await get('/api/v1/panels/counts?measure=cases', 'viewer');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('measure');
    const backwards = await get('/api/v1/panels/counts?measure=screenings&from=2026-06-01&to=2026-05-01', 'viewer');
    expect([backwards.statusCode, backwards.json().error.message]).toEqual([
      400,
      'from (2026-06-01) is after to (2026-05-01)',
    ]);
    expect((await get('/api/v1/panels/counts?measure=screenings')).statusCode).toBe(401);
  });
});

describe('GET /api/v1/cases/{id}', () => {
  it('is 404 for a case that exists, even for its panel chair, exactly as for one that does not', async () => {
    const existing = await get(`/api/v1/cases/${caseId}`, 'maceChair');
    const missing = await get(`/api/v1/cases/${caseId + 1000}`, 'maceChair');
    expect(existing.statusCode).toBe(404);
    expect(existing.body).not.toContain('SYNTHETIC');
    expect(existing.json()).toEqual(missing.json());
    expect((await get(`/api/v1/cases/${caseId}`)).statusCode).toBe(401);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await get('/api/v1/openapi.json')).json();
    expect(doc.paths['/cases/{id}'].get.description).toContain('API tokens never read case content');
    expect(doc.paths['/panels/counts'].get.operationId).toBe('getPanelCounts');
  });
});
