import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../../auth/apiTokens.ts';
import { saveEntry } from '../../../registers/entryStore.ts';
import { setNamedReader } from '../../../registers/readers.ts';
import {
  createRegisterFixture,
  POINTS,
  type Person,
  type RegisterFixture,
} from '../../../registers/testing/registerTestDb.ts';
import { createHarness, type Harness } from '../../testing/appHarness.ts';

// The API over the register fixture (real Tower Hamlets outlines), with SYNTHETIC entries saved by test accounts.
let f: RegisterFixture;
let h: Harness;
const tokens = {} as Record<Person, string>;
let tension: number;
let location: number;
let sweeps: string[];
beforeAll(async () => {
  f = await createRegisterFixture();
  h = await createHarness({ SAFER_PARTNERSHIP_AREA: 'E09000030' }, f.t);
  for (const [name, actor] of Object.entries(f.people))
    tokens[name as Person] = (await createApiToken(f.db, { userId: actor.id, name: 'test', scope: 'read' })).token;
  const tensions = f.registers.get('community-tensions')!;
  await setNamedReader(f.db, f.people.manager, tensions, f.people.manager.id, true);
  tension = (
    await saveEntry(
      f.db,
      f.ctx,
      f.people.manager,
      'community-tensions',
      {
        reported_on: '2026-01-10',
        issue: 'SYNTHETIC tension',
        description: 'SYNTHETIC',
        communities: 'SYNTHETIC',
        level: 'high',
        trend: 'rising',
        review_on: '2026-02-10',
        ward: 'E05009327',
      },
      { submit: true },
    )
  ).id;
  location = (
    await saveEntry(
      f.db,
      f.ctx,
      f.people.manager,
      'locations-of-concern',
      {
        identified_on: '2026-01-11',
        place: 'SYNTHETIC Hotel',
        place_type: 'hotel',
        concern: 'SYNTHETIC',
        site_contact: 'SYNTHETIC Contact',
        review_on: '2026-06-01',
        ...POINTS.whitechapel,
      },
      { submit: true },
    )
  ).id;
  sweeps = [];
  for (const [day, where, point] of [
    ['2026-01-05', 'SYNTHETIC Whitechapel Waste', POINTS.whitechapel],
    ['2026-02-05', 'SYNTHETIC Mile End Park', POINTS.mileEndPark],
    ['2026-03-05', 'SYNTHETIC Mile End Park north', POINTS.mileEndPark],
  ] as const)
    sweeps.push(
      (
        await saveEntry(
          f.db,
          f.ctx,
          f.people.policeAnalyst,
          'weapon-sweeps',
          { swept_on: day, location: where, team: 'SNT', ...point },
          { submit: true },
        )
      ).reference,
    );
}, 120_000);
afterAll(async () => h?.close());

const get = (url: string, who?: Person) =>
  h.app.inject({ method: 'GET', url, headers: who ? { authorization: `Bearer ${tokens[who]}` } : {} });

describe('GET /api/v1/registers', () => {
  it('lists only the registers the token holder may read, with their fields and rights', async () => {
    const viewer = (await get('/api/v1/registers', 'viewer')).json();
    expect(viewer.registers.map((r: { id: string }) => r.id).sort()).toEqual([
      'knife-bin-emptyings',
      'knife-bins',
      'provision-services',
      'test-purchases',
      'weapon-sweeps',
    ]);
    expect(viewer.registers.find((r: { id: string }) => r.id === 'knife-bins').rights).toEqual({
      write: false,
      readPersonal: false,
      export: false,
    });
    const analyst = (await get('/api/v1/registers', 'policeAnalyst')).json();
    // Restricted registers to analysts, but community tensions only to those a manager has named.
    expect(analyst.registers.map((r: { id: string }) => r.id)).toContain('serious-incidents');
    expect(analyst.registers.map((r: { id: string }) => r.id)).not.toContain('community-tensions');
    expect((await get('/api/v1/registers', 'manager')).json().registers.map((r: { id: string }) => r.id)).toContain(
      'community-tensions',
    );
    expect((await get('/api/v1/registers')).statusCode).toBe(401);
  });
});

describe('GET /api/v1/registers/{id}/entries', () => {
  it('filters by date, ward and words, newest first, with the total', async () => {
    const all = (await get('/api/v1/registers/weapon-sweeps/entries', 'viewer')).json();
    expect(all).toMatchObject({ register: 'weapon-sweeps', marking: 'OFFICIAL', page: 1, pageSize: 50, total: 3 });
    expect(all.entries.map((e: { reference: string }) => e.reference)).toEqual([...sweeps].reverse());
    expect(all.entries[2]).toMatchObject({
      occurredOn: '2026-01-05',
      place: { latitude: 51.5195, longitude: -0.0597, lsoa: 'E01004208', ward: 'E05009333' },
      data: { location: 'SYNTHETIC Whitechapel Waste' },
    });
    expect(all.entries[0]).not.toHaveProperty('personal');
    const ward = (await get('/api/v1/registers/weapon-sweeps/entries?ward=e05009327', 'viewer')).json();
    expect(ward.entries.map((e: { reference: string }) => e.reference)).toEqual([sweeps[2], sweeps[1]]);
    const dated = (await get('/api/v1/registers/weapon-sweeps/entries?from=2026-02-01&to=2026-02-28', 'viewer')).json();
    expect(dated.entries.map((e: { reference: string }) => e.reference)).toEqual([sweeps[1]]);
    const words = (await get('/api/v1/registers/weapon-sweeps/entries?q=north', 'viewer')).json();
    expect(words.total).toBe(1);
    expect((await get('/api/v1/registers/weapon-sweeps/entries?page=2', 'viewer')).json().entries).toEqual([]);
    const bad = await get('/api/v1/registers/weapon-sweeps/entries?from=yesterday', 'viewer');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe('from: give a date as YYYY-MM-DD');
    expect((await get('/api/v1/registers/knitting/entries', 'viewer')).statusCode).toBe(404);
  });

  it('personal fields only for the register’s personal readers', async () => {
    const manager = (await get('/api/v1/registers/locations-of-concern/entries', 'manager')).json();
    expect(manager.entries[0]).toMatchObject({ id: location, personal: { site_contact: 'SYNTHETIC Contact' } });
    const analyst = await get('/api/v1/registers/locations-of-concern/entries', 'policeAnalyst');
    expect(analyst.statusCode).toBe(200);
    expect(analyst.json().entries[0]).not.toHaveProperty('personal');
    expect(analyst.body).not.toContain('SYNTHETIC Contact');
    const one = await get(`/api/v1/registers/locations-of-concern/entries/${location}`, 'policeAnalyst');
    expect(one.json()).not.toHaveProperty('personal');
    const own = await get(`/api/v1/registers/locations-of-concern/entries/${location}`, 'manager');
    expect(own.json()).toMatchObject({
      marking: 'OFFICIAL-SENSITIVE',
      personal: { site_contact: 'SYNTHETIC Contact' },
    });
  });
});

describe('a community tension through the API', () => {
  it('is refused (403, no data) to an analyst outside its named readership and to a viewer', async () => {
    for (const who of ['policeAnalyst', 'viewer', 'admin'] as const) {
      for (const url of [
        `/api/v1/registers/community-tensions/entries/${tension}`,
        '/api/v1/registers/community-tensions/entries',
      ]) {
        const res = await get(url, who);
        expect({ who, url, status: res.statusCode }).toEqual({ who, url, status: 403 });
        expect(res.json()).toEqual({ error: { code: 'FORBIDDEN', message: 'You do not have permission to do that' } });
      }
    }
  });

  it('is read by a named reader, and the read is audited', async () => {
    const res = await get(`/api/v1/registers/community-tensions/entries/${tension}`, 'manager');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ marking: 'OFFICIAL-SENSITIVE', data: { issue: 'SYNTHETIC tension' } });
    const audit = await f.db
      .selectFrom('audit_log')
      .select(['actor_email', 'subject_id'])
      .where('action', '=', 'register.read')
      .where('subject_type', '=', 'register_entry')
      .execute();
    expect(audit).toContainEqual({ actor_email: 'manager@synthetic.test', subject_id: String(tension) });
    expect((await get('/api/v1/registers/community-tensions/entries/999999', 'manager')).statusCode).toBe(404);
  });
});

describe('the OpenAPI description', () => {
  it('describes the register routes and their filters', async () => {
    const doc = (await get('/api/v1/openapi.json')).json();
    expect(doc.paths['/registers'].get.operationId).toBe('listRegisters');
    expect(doc.paths['/registers/{id}/entries'].get.parameters.map((p: { name: string }) => p.name)).toEqual([
      'id',
      'from',
      'to',
      'ward',
      'q',
      'page',
    ]);
    expect(doc.paths['/registers/{id}/entries/{entryId}'].get.responses['403']).toBeDefined();
  });
});
