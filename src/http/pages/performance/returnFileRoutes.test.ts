import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOf } from '../../../auth/users.ts';
import { getReturn, listReturns } from '../../../performance/returns/returnQueries.ts';
import { openQuarter } from '../../../performance/returns/returnStore.ts';
import { currentIndicators } from '../../../performance/store/indicatorStore.ts';
import { type Browser, createHarness, type Harness } from '../../testing/appHarness.ts';

/*
 * The return files of a police return through the pages: generated as CSV and XLSX for those who may see the
 * return, and uploaded through the same saveReturn as the form, each problem named by line and column.
 */
let h: Harness;
const as = {} as Record<'owner' | 'health', Browser>;
let policeId = 0;

beforeAll(async () => {
  h = await createHarness();
  const manager = actorOf(await h.addUser('manager@council.test', 'local_authority', 'partnership_manager'));
  await h.addUser('owner@police.test', 'police', 'data_owner');
  await h.addUser('analyst@health.test', 'health', 'analyst');
  await h.services.indicatorSet();
  const indicators = (await currentIndicators(h.services.db)).map((s) => s.indicator);
  await openQuarter(h.services.db, manager, { quarter: '2015/16 Q2', dueOn: '2015-10-31', indicators });
  policeId = (await listReturns(h.services.db, { agencies: ['police'] }))[0]?.id as number;
  as.owner = await h.signIn('owner@police.test');
  as.health = await h.signIn('analyst@health.test');
}, 300_000);
afterAll(async () => h?.close());

const db = () => h.services.db;

describe('return files', () => {
  it('generates CSV and XLSX files and reads an upload back through the same checks, naming line and column', async () => {
    const csv = await as.owner.get(`/performance/returns/${policeId}/template.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('indicator_id,indicator,period,unit,value,numerator,denominator,commentary');
    const xlsx = await as.owner.get(`/performance/returns/${policeId}/template.xlsx`);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await as.health.get(`/performance/returns/${policeId}/template.csv`)).statusCode).toBe(403);
    await as.owner.get(`/performance/returns/${policeId}`);
    const upload = (content: string) =>
      as.owner.postMultipart(`/performance/returns/${policeId}/upload`, [
        { name: '_csrf', value: as.owner.csrf },
        { name: 'file', filename: 'return.csv', content: Buffer.from(content) },
      ]);
    const forged = await as.owner.postMultipart(`/performance/returns/${policeId}/upload`, [
      { name: '_csrf', value: 'forged' },
      { name: 'file', filename: 'return.csv', content: Buffer.from(csv.body) },
    ]);
    expect(forged.statusCode).toBe(403);
    const bad = await upload('indicator_id,value\r\nasb-calls,1\r\n');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Line 1, column indicator');
    const lines = csv.body.replace(/^\uFEFF/, '').split('\r\n');
    const asbLine = lines.findIndex((l) => l.startsWith('asb-calls,')) + 1;
    const wrong = lines
      .map((l) => (l.startsWith('asb-calls,') ? l.replace(/,count,,/, ',count,many,') : l))
      .join('\r\n');
    const refused = await upload(wrong);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain(`Line ${asbLine}, column value: Enter the value as a number`);
    expect((await getReturn(db(), policeId)).history).toEqual([]);
    const right = lines
      .map((l) => (l.startsWith('asb-calls,') ? l.replace(/,count,,/, ',count,120,') : l))
      .join('\r\n');
    expect((await upload(right)).statusCode).toBe(303);
    expect((await getReturn(db(), policeId)).current.get('asb-calls')?.value).toBe(120);
  });
});
