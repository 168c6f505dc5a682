import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Role } from '../auth/policy.ts';
import { AnalysisError, type Figure } from '../analysis/figure.ts';
import { auditEntries } from '../http/testing/appHarness.ts';
import { createDashboardFixture, type DashboardFixture } from '../../test/dashboardFixture.ts';
import { analyseFor, releaseOf } from './analyseFor.ts';
import { mayExportFigures, sourceAccessFor } from './sourceAccess.ts';

let f: DashboardFixture;
beforeAll(async () => {
  f = await createDashboardFixture();
}, 600_000);
afterAll(async () => {
  await f?.h.close();
});

let nextId = 1000;
/** A new reader (a distinct user id) each call. */
const actor = (agency: string, role: Role): Actor => ({ id: nextId++, email: `${role}@${agency}.test`, agency, role });

// Victim ages for one ward in one month of the SYNTHETIC extract: small counts, so the rule bites.
const SMALL = {
  definition: 'knife-crime',
  area: 'E05009333',
  period: 'Jan 2026',
  by: 'victim-age',
  source: 'partner-police',
} as const;
const PUBLISHED = {
  definition: 'knife-crime-with-injury',
  area: 'E09000030',
  period: '12 months to Feb 2026',
} as const;

/** A hidden cell is safe when no line (the figures and their total) holds exactly one hidden positive count. */
function checkSuppression(raw: Figure[], released: Figure[]) {
  raw.forEach((r, i) => {
    const out = released[i]!;
    if (typeof r.count === 'number' && r.count >= 1 && r.count <= 7)
      expect(out).toMatchObject({
        count: null,
        rate: null,
        lower: null,
        upper: null,
        suppressed: true,
        suppression: 'primary',
      });
    if (out.suppressed !== true) expect(out.count).toBe(r.count);
    expect(out.disclosureRule).toBe('case-derived');
  });
  const hiddenPositive = raw.filter((r, i) => released[i]!.suppressed === true && (r.count ?? 0) > 0);
  expect(hiddenPositive.length === 0 || hiddenPositive.length >= 2).toBe(true);
}

describe('sourceAccessFor', () => {
  it('partner police records are personal: direct for the police data owner, aggregate for everyone else', async () => {
    const db = f.h.t.database.db;
    const owner = await sourceAccessFor(db, actor('police', 'data_owner'));
    expect(owner.access.get('partner-police')).toBe('direct');
    expect(owner.classification.get('partner-police')).toBe('personal');
    for (const other of [
      actor('local_authority', 'analyst'),
      actor('police', 'analyst'),
      actor('health', 'data_owner'),
      actor('probation', 'viewer'),
    ]) {
      expect((await sourceAccessFor(db, other)).access.get('partner-police')).toBe('aggregate');
    }
    expect((await sourceAccessFor(db, actor('probation', 'viewer'))).access.get('mps-borough')).toBe('direct');
  });

  it('viewers and administrators may not download figures; analysts, managers and data owners may', () => {
    expect(mayExportFigures(actor('probation', 'viewer'))).toBe(false);
    expect(mayExportFigures(actor('local_authority', 'administrator'))).toBe(false);
    expect(mayExportFigures(actor('local_authority', 'analyst'))).toBe(true);
    expect(mayExportFigures(actor('local_authority', 'partnership_manager'))).toBe(true);
    expect(mayExportFigures(actor('police', 'data_owner'))).toBe(true);
  });
});

describe('analyseFor', () => {
  it('direct reader on a page: the figures as the CLI computes them, unsuppressed and not audited', async () => {
    const owner = actor('police', 'data_owner');
    const before = (await auditEntries(f.h, 'read.aggregate')).length;
    const result = await analyseFor(f.h.services, owner, SMALL, 'page');
    // Some victim-age band in one ward-month must be 1–7, or this test checks nothing.
    expect(result.figures.some((x) => typeof x.count === 'number' && x.count >= 1 && x.count <= 7)).toBe(true);
    expect(result.figures.every((x) => x.suppressed === undefined)).toBe(true);
    expect(releaseOf(result)).toMatchObject({
      source: 'partner-police',
      classification: 'personal',
      access: 'direct',
      rule: null,
    });
    expect((await auditEntries(f.h, 'read.aggregate')).length).toBe(before);
  });

  it('aggregate reader: small counts and the next smallest hidden, rates and limits too, each figure names the rule', async () => {
    const raw = (await analyseFor(f.h.services, actor('police', 'data_owner'), SMALL, 'page')).figures;
    const result = await analyseFor(f.h.services, actor('local_authority', 'analyst'), SMALL, 'page');
    expect(result.figures).toHaveLength(raw.length);
    checkSuppression(raw, result.figures);
    expect(
      result.warnings.some((w) =>
        w.startsWith('Disclosure control applied (case-derived and service data: counts 1–7 suppressed as *)'),
      ),
    ).toBe(true);
    expect(releaseOf(result)).toMatchObject({ access: 'aggregate', rule: { id: 'case-derived' } });
  });

  it('viewer: the same protected figures', async () => {
    const raw = (await analyseFor(f.h.services, actor('police', 'data_owner'), SMALL, 'page')).figures;
    const result = await analyseFor(f.h.services, actor('probation', 'viewer'), SMALL, 'page');
    checkSuppression(raw, result.figures);
  });

  it('exports and the API always apply the rule, even for the data owner, and the owner is not audited as an aggregate reader', async () => {
    const owner = actor('police', 'data_owner');
    const raw = (await analyseFor(f.h.services, owner, SMALL, 'page')).figures;
    const before = (await auditEntries(f.h, 'read.aggregate')).length;
    for (const use of ['export', 'api'] as const)
      checkSuppression(raw, (await analyseFor(f.h.services, owner, SMALL, use)).figures);
    expect((await auditEntries(f.h, 'read.aggregate')).length).toBe(before);
  });

  it('records the first page view of each distinct query per reader, and every API answer, with classification and rule', async () => {
    const before = (await auditEntries(f.h, 'read.aggregate')).length;
    const analyst = actor('local_authority', 'analyst');
    await analyseFor(f.h.services, analyst, SMALL, 'page', { ip: '192.0.2.7' });
    const entries = (await auditEntries(f.h, 'read.aggregate')).slice(before);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actor_email: analyst.email,
      actor_agency: 'local_authority',
      subject_type: 'source',
      subject_id: 'partner-police',
      ip: '192.0.2.7',
    });
    expect(JSON.parse(String(entries[0]!.details))).toMatchObject({
      via: 'page',
      classification: 'personal',
      rule: 'case-derived',
      request: { area: 'E05009333', by: 'victim-age' },
    });
    // The same page again (figures from the cache) is not recorded twice; a different question is.
    await analyseFor(f.h.services, analyst, SMALL, 'page');
    expect((await auditEntries(f.h, 'read.aggregate')).length).toBe(before + 1);
    await analyseFor(f.h.services, analyst, { ...SMALL, by: 'victim-sex' }, 'page');
    expect((await auditEntries(f.h, 'read.aggregate')).length).toBe(before + 2);
    // Figures leaving Safer through the API are recorded every time.
    await analyseFor(f.h.services, analyst, SMALL, 'api');
    await analyseFor(f.h.services, analyst, SMALL, 'api');
    expect((await auditEntries(f.h, 'read.aggregate')).length).toBe(before + 4);
    // Another reader asking the same question is recorded too.
    await analyseFor(f.h.services, actor('local_authority', 'analyst'), SMALL, 'page');
    expect((await auditEntries(f.h, 'read.aggregate')).length).toBe(before + 5);
  });

  it('published MPS figures pass untouched for every reader and are not audited', async () => {
    const before = (await auditEntries(f.h, 'read.aggregate')).length;
    const viewer = await analyseFor(f.h.services, actor('probation', 'viewer'), PUBLISHED, 'export');
    const owner = await analyseFor(f.h.services, actor('police', 'data_owner'), PUBLISHED, 'page');
    expect(viewer.vintage.source).toMatch(/^MPS/);
    expect(viewer.figures[0]!.suppressed).toBeUndefined();
    expect(viewer.figures[0]!.count).toBe(owner.figures[0]!.count);
    expect((await auditEntries(f.h, 'read.aggregate')).length).toBe(before);
  });

  it('keeps readers with different access apart in the cache', async () => {
    const owner = await analyseFor(f.h.services, actor('police', 'data_owner'), SMALL, 'page');
    const analyst = await analyseFor(f.h.services, actor('local_authority', 'analyst'), SMALL, 'page');
    expect(owner).not.toBe(analyst);
    expect(owner.figures.some((x) => x.suppressed === true)).toBe(false);
    expect(analyst.figures.some((x) => x.suppressed === true)).toBe(true);
  });

  it("passes the engine's reasons on: an unknown area is NOT_FOUND, not an empty answer", async () => {
    await expect(
      analyseFor(f.h.services, actor('local_authority', 'analyst'), { ...PUBLISHED, area: 'Atlantis' }),
    ).rejects.toBeInstanceOf(AnalysisError);
  });
});
