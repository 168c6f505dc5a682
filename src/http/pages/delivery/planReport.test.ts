import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTestPlan, type TestPlan } from '../../../delivery/planTestPlan.ts';
import { auditEntries, type Browser, createHarness, type Harness } from '../../testing/appHarness.ts';

/*
 * A plan as a downloaded report (the report engine's HTML and Word here; the PDF path is the engine's, tested in
 * src/delivery/report): offered and served to those who may export, refused to viewers, audited as an export.
 */
let h: Harness;
let plan: TestPlan;
const as = {} as Record<'viewer' | 'analyst', Browser>;

beforeAll(async () => {
  h = await createHarness();
  plan = await addTestPlan(h.services.db);
  await h.addUser('viewer@police.test', 'police', 'viewer');
  await h.addUser('analyst@council.test', 'local_authority', 'analyst');
  as.viewer = await h.signIn('viewer@police.test');
  as.analyst = await h.signIn('analyst@council.test');
}, 300_000);
afterAll(async () => h?.close());

describe('a plan as a report', () => {
  it('is offered to those who may export and not to viewers, who are refused the file', async () => {
    expect((await as.analyst.get(`/plans/${plan.planId}`)).body).toContain(`href="/plans/${plan.planId}/report.pdf"`);
    expect((await as.viewer.get(`/plans/${plan.planId}`)).body).not.toContain('/report.pdf');
    expect((await as.viewer.get(`/plans/${plan.planId}/report.html`)).statusCode).toBe(403);
  });

  it('comes as HTML with each theme and item, and as Word, each download audited', async () => {
    const html = await as.analyst.get(`/plans/${plan.planId}/report.html`);
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-disposition']).toMatch(/^attachment; filename=".+\.html"$/);
    for (const words of [
      'SYNTHETIC partnership plan',
      'Weapon sweeps in parks (SYNTHETIC).',
      'Agree terms of reference',
    ])
      expect(html.body).toContain(words);
    const docx = await as.analyst.get(`/plans/${plan.planId}/report.docx`);
    expect(docx.statusCode).toBe(200);
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string');
    expect(xml).toContain('Sweeps in Victoria Park (SYNTHETIC).');
    const exports = await auditEntries(h, 'export');
    expect(
      exports.map((e) => [e.subject_type, e.subject_id, (JSON.parse(e.details) as { format: string }).format]),
    ).toEqual([
      ['plan', String(plan.planId), 'html'],
      ['plan', String(plan.planId), 'docx'],
    ]);
  });

  it('answers 404 for a plan that does not exist, and 400 for a format the engine does not make', async () => {
    expect((await as.analyst.get('/plans/999999/report.html')).statusCode).toBe(404);
    expect((await as.analyst.get(`/plans/${plan.planId}/report.odt`)).statusCode).toBe(400);
  });
});
