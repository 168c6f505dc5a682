import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testData } from '../../../../test/sharedData.ts';
import { importForTest, sumCounts } from '../../../../test/importHelpers.ts';
import { auditEntries, createHarness, type Harness } from '../../testing/appHarness.ts';

const TH_RECENT = {
  seriesPrefix: 'mps-borough/ho_aligned',
  areaCode: 'E09000030',
  from: '2024-03-01',
  to: '2026-02-01',
};
let h: Harness;
let readToken: string;
let writeToken: string;
let otherAgencyWrite: string;
let batchId: number;

beforeAll(async () => {
  h = await createHarness();
  const owner = await h.addUser('owner@police.example', 'police', 'data_owner');
  const council = await h.addUser('owner@council.example', 'local_authority', 'data_owner');
  readToken = await h.token(owner, 'read');
  writeToken = await h.token(owner, 'write');
  otherAgencyWrite = await h.token(council, 'write');
  batchId = (await importForTest(h.t.database, testData('mps/borough/recorded-crime-borough.csv'))).batchId!;
}, 120_000);
afterAll(async () => h?.close());

const call = (method: 'GET' | 'POST', url: string, token?: string) =>
  h.app.inject({ method, url, headers: token ? { authorization: `Bearer ${token}` } : {} });

describe('API tokens', () => {
  it('refuses a missing or unknown token with 401 and a JSON error', async () => {
    expect((await call('GET', '/api/v1/batches')).json()).toEqual({
      error: { code: 'UNAUTHENTICATED', message: 'Send a valid API token as "Authorization: Bearer …"' },
    });
    expect((await call('GET', '/api/v1/batches', 'safer_madeup')).statusCode).toBe(401);
  });

  it('ignores a browser session cookie on the API', async () => {
    const res = await h.app.inject({ url: '/api/v1/me', headers: { cookie: 'safer_session=whatever' } });
    expect(res.statusCode).toBe(401);
  });

  it('refuses a read token for a write, and changes nothing', async () => {
    const res = await call('POST', `/api/v1/batches/${batchId}/undo`, readToken);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toEqual({
      error: { code: 'INSUFFICIENT_SCOPE', message: 'This token\'s scope is "read"; this needs "write"' },
    });
    // python3 over the file: Tower Hamlets 2024-03..2026-02 = 73,421.
    expect(await sumCounts(h.t.database, TH_RECENT)).toBe(73421);
  });

  it("refuses another agency's data owner even with a write token", async () => {
    expect((await call('POST', `/api/v1/batches/${batchId}/undo`, otherAgencyWrite)).statusCode).toBe(403);
  });

  it("lets the owning agency's data owner undo with a write token, audited with before and after", async () => {
    const res = await call('POST', `/api/v1/batches/${batchId}/undo`, writeToken);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ batchId, slicesRestored: 0 });
    expect(await sumCounts(h.t.database, TH_RECENT)).toBe(0);
    const [entry] = await auditEntries(h, 'import.undo');
    expect(entry).toMatchObject({ actor_email: 'owner@police.example', subject_id: String(batchId) });
    expect(JSON.parse(entry!.details)).toMatchObject({
      before: { status: 'imported' },
      after: { status: 'undone' },
      via: 'api',
    });
    expect((await call('POST', `/api/v1/batches/${batchId}/undo`, writeToken)).json()).toEqual({
      error: { code: 'ALREADY_UNDONE', message: `Import batch ${batchId} has already been undone` },
    });
  });

  it('stops accepting a token once it is revoked', async () => {
    const admin = await h.addUser('admin@council.example', 'local_authority', 'administrator');
    void admin;
    const browser = await h.signIn('admin@council.example');
    const list = await browser.get('/admin/tokens');
    const id = /action="\/admin\/tokens\/(\d+)\/revoke"/.exec(list.body)![1]!;
    const tokenRow = await h.t.database.db
      .selectFrom('api_token')
      .select('user_id')
      .where('id', '=', Number(id))
      .executeTakeFirstOrThrow();
    expect((await browser.post(`/admin/tokens/${id}/revoke`)).statusCode).toBe(303);
    const revoked = await h.t.database.db
      .selectFrom('api_token')
      .select('revoked_at')
      .where('id', '=', Number(id))
      .executeTakeFirstOrThrow();
    expect(revoked.revoked_at).not.toBeNull();
    expect(tokenRow.user_id).toBeGreaterThan(0);
    const tokens = [readToken, writeToken, otherAgencyWrite];
    const statuses = await Promise.all(tokens.map(async (tk) => (await call('GET', '/api/v1/me', tk)).statusCode));
    expect(statuses.filter((s) => s === 401)).toHaveLength(1);
    expect((await auditEntries(h, 'token.revoke')).map((e) => e.subject_id)).toEqual([id]);
  });
});

describe('administration is audited', () => {
  it('records a permission change with before and after, and signs the person out', async () => {
    const analyst = await h.addUser('ana@police.example', 'police', 'analyst');
    const ana = await h.signIn('ana@police.example');
    const admin = await h.signIn('admin@council.example');
    await admin.get('/admin/users');
    const res = await admin.post(`/admin/users/${analyst.id}`, { agency: 'police', role: 'viewer', disabled: 'false' });
    expect(res.statusCode).toBe(303);
    const [entry] = await auditEntries(h, 'user.update');
    expect(JSON.parse(entry!.details)).toEqual({
      before: { agency: 'police', role: 'analyst', disabled: false, locked: false },
      after: { agency: 'police', role: 'viewer', disabled: false, locked: false },
    });
    expect((await ana.get('/start')).statusCode).toBe(303);
  });

  it("lets a data owner search only their own agency's entries, and export them (itself audited)", async () => {
    const owner = await h.signIn('owner@council.example');
    const page = await owner.get('/audit?action=sign-in');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('owner@council.example');
    expect(page.body).not.toContain('ana@police.example');
    const csv = await owner.get('/audit.csv?action=sign-in');
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe('id,at,actor_email,actor_agency,action,outcome,subject_type,subject_id,ip,details,hash');
    expect(lines.slice(1).every((l) => l.includes(',local_authority,sign-in,'))).toBe(true);
    expect((await auditEntries(h, 'audit.export')).map((e) => e.actor_email)).toEqual(['owner@council.example']);
  });
});
