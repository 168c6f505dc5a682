import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppUser } from '../auth/users.ts';
import { ROLES, type Role } from '../auth/policy.ts';
import type { Classification } from '../db/tables/core.ts';
import { auditEntries, createHarness, type Browser, type Harness } from './testing/appHarness.ts';

/**
 * The information-sharing rules, written out by hand from docs/security.md
 * (not derived from the policy module, so a change to one without the other
 * fails here). Each string is public, partnership, restricted, personal; each
 * pair is own agency / other agency. Y = allowed.
 */
const READ: Record<Role, string> = {
  viewer: 'YY YY NN NN',
  analyst: 'YY YY YN NN',
  partnership_manager: 'YY YY YN NN',
  data_owner: 'YY YY YN YN',
  administrator: 'YY YY NN NN',
};
const EXPORT: Record<Role, string> = {
  viewer: 'NN NN NN NN',
  analyst: 'YY YY YN NN',
  partnership_manager: 'YY YY YN NN',
  data_owner: 'YY YY YN NN',
  administrator: 'NN NN NN NN',
};
const CLASSES: Classification[] = ['public', 'partnership', 'restricted', 'personal'];
const OWNER = 'health';
const OTHER = 'probation';

function expected(table: Record<Role, string>, role: Role, c: Classification, own: boolean): boolean {
  const pair = table[role].split(' ')[CLASSES.indexOf(c)]!;
  return pair[own ? 0 : 1] === 'Y';
}

let h: Harness;
const batchOf = new Map<Classification, number>();
const people: { role: Role; own: boolean; user: AppUser; browser: Browser; token: string }[] = [];

beforeAll(async () => {
  h = await createHarness();
  const db = h.t.database.db;
  const category = await db
    .insertInto('offence_category')
    .values({ classification: 'test', major: 'VIOLENCE', match_key: 'VIOLENCE|' })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [i, c] of CLASSES.entries()) {
    const b = await db
      .insertInto('import_batch')
      .values({
        file_name: `${c}.csv`,
        file_path: `/x/${c}.csv`,
        sha256: String(i).repeat(64),
        layout: 'test',
        series: `test/${c}`,
        extract_date: '2026-01-01',
        imported_by: 'test',
        classification: c,
        owning_agency: OWNER,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    batchOf.set(c, b.id);
    const s = await db
      .insertInto('count_slice')
      .values({
        series: `test/${c}`,
        area_code: 'E09000030',
        month: '2025-12-01',
        batch_id: b.id,
        extract_date: '2026-01-01',
        content_hash: 'h',
        row_count: 1,
        superseded_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('crime_count')
      .values({ slice_id: s.id, category_id: category.id, measure: 'offences', value: 7 + i })
      .execute();
  }
  for (const role of ROLES) {
    for (const own of [true, false]) {
      const email = `${role}.${own ? 'own' : 'other'}@example.org`;
      const user = await h.addUser(email, own ? OWNER : OTHER, role);
      people.push({ role, own, user, browser: await h.signIn(email), token: await h.token(user, 'read') });
    }
  }
}, 300_000);
afterAll(async () => h?.close());

const combos = ROLES.flatMap((role) => [true, false].flatMap((own) => CLASSES.map((c) => ({ role, own, c }))));
const label = (x: { role: Role; own: boolean; c: Classification }) =>
  `${x.role} of ${x.own ? 'the owning' : 'another'} agency, ${x.c}`;

describe('every role × classification × agency', () => {
  it.each(combos.map((x) => [label(x), x] as const))(
    '%s: page, list, API and exports follow the rules',
    async (_name, { role, own, c }) => {
      const person = people.find((p) => p.role === role && p.own === own)!;
      const id = batchOf.get(c)!;
      const canRead = expected(READ, role, c, own);
      const canExport = expected(EXPORT, role, c, own);

      const page = await person.browser.get(`/data/imports/${id}`);
      expect(page.statusCode).toBe(canRead ? 200 : 404);
      const list = await person.browser.get('/data/imports');
      expect(list.body.includes(`href="/data/imports/${id}"`)).toBe(canRead);

      const api = await h.app.inject({
        url: `/api/v1/batches/${id}`,
        headers: { authorization: `Bearer ${person.token}` },
      });
      expect(api.statusCode).toBe(canRead ? 200 : 404);
      const apiList = await h.app.inject({
        url: '/api/v1/batches',
        headers: { authorization: `Bearer ${person.token}` },
      });
      expect((apiList.json() as { batches: { id: number }[] }).batches.some((b) => b.id === id)).toBe(canRead);

      const csv = await person.browser.get(`/data/imports/${id}/export.csv`);
      expect(csv.statusCode).toBe(canExport ? 200 : canRead ? 403 : 404);
      // Values 7, 8, 9 were stored for public, partnership, restricted; shared data hides 1–7, public data is published as is.
      if (canExport) expect(csv.body).toContain(`E09000030,2025-12-01,VIOLENCE,,offences,${7 + CLASSES.indexOf(c)}`);
      if (canExport)
        expect(csv.headers['x-safer-disclosure']).toMatch(
          c === 'public' ? /not suppressed; nothing suppressed/ : /counts 1-7 suppressed as \*; nothing suppressed/,
        );
      const apiExport = await h.app.inject({
        url: `/api/v1/batches/${id}/counts`,
        headers: { authorization: `Bearer ${person.token}` },
      });
      expect(apiExport.statusCode).toBe(canExport ? 200 : canRead ? 403 : 404);
    },
  );
});

describe('what the rules leave in the audit log', () => {
  it('records each allowed read of restricted and personal data, and no read of public data', async () => {
    const reads = await auditEntries(h, 'read.classified');
    const subjects = reads.map((r) => `${r.actor_email}:${r.subject_id}`);
    expect(subjects).toContain(`data_owner.own@example.org:${batchOf.get('personal')}`);
    expect(subjects).toContain(`analyst.own@example.org:${batchOf.get('restricted')}`);
    expect(subjects.some((s) => s.endsWith(`:${batchOf.get('public')}`))).toBe(false);
    // Denied reads never reach the data, so nothing is "read": no entries from the other agency.
    expect(reads.some((r) => r.actor_agency === OTHER)).toBe(false);
  });

  it('records one export entry per allowed export (page and API), none for refused ones', async () => {
    const exports = await auditEntries(h, 'export');
    const allowed = combos.filter((x) => expected(EXPORT, x.role, x.c, x.own)).length;
    expect(exports).toHaveLength(allowed * 2);
  });

  it('keeps the scope in SQL: the visible-batches query for a viewer never mentions restricted data', async () => {
    const { visibleBatchesQuery } = await import('../auth/visibleBatches.ts');
    const viewer = people.find((p) => p.role === 'viewer')!;
    const compiled = visibleBatchesQuery(h.t.database.db, {
      id: viewer.user.id,
      email: viewer.user.email,
      agency: OWNER,
      role: 'viewer',
    })
      .selectAll()
      .compile();
    expect(compiled.sql).toMatch(/where "import_batch"\."classification" in/);
    expect(compiled.parameters).toEqual(['public', 'partnership']);
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int8 AS n FROM import_batch`.execute(h.t.database.db);
    expect(Number(rows[0]!.n)).toBe(4);
  });
});

describe('administration pages are for administrators only', () => {
  it.each(ROLES.map((r) => [r]))('%s', async (role) => {
    const person = people.find((p) => p.role === role && p.own)!;
    const admin = role === 'administrator';
    const auditReader = role === 'administrator' || role === 'data_owner';
    expect((await person.browser.get('/admin/users')).statusCode).toBe(admin ? 200 : 403);
    expect((await person.browser.get('/admin/tokens')).statusCode).toBe(admin ? 200 : 403);
    expect((await person.browser.get('/admin/agencies')).statusCode).toBe(admin ? 200 : 403);
    expect((await person.browser.get('/audit')).statusCode).toBe(auditReader ? 200 : 403);
    expect((await person.browser.get('/audit.csv')).statusCode).toBe(auditReader ? 200 : 403);
    expect((await person.browser.get('/data/upload')).statusCode).toBe(role === 'data_owner' || admin ? 200 : 403);
  });
});
