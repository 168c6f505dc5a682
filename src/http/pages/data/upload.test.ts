import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../../ingest/importFile.ts';
import { refreshAggregatesForBatch } from '../../../analysis/aggregates/refreshAggregatesForBatch.ts';
import { sumCounts, tableCounts } from '../../../../test/importHelpers.ts';
import { testData } from '../../../../test/sharedData.ts';
import { auditEntries, createHarness, type Browser, type Harness } from '../../testing/appHarness.ts';
import { safeFileName } from './upload.ts';

const RECENT = 'mps/borough/recorded-crime-borough.csv';
const TH = 'E09000030';
let h: Harness;
let owner: Browser;

beforeAll(async () => {
  h = await createHarness();
  await h.addUser('owner@police.example', 'police', 'data_owner');
  await h.addUser('viewer@police.example', 'police', 'viewer');
  owner = await h.signIn('owner@police.example');
}, 120_000);
afterAll(async () => h?.close());

const counted = () => tableCounts(h.t.database, ['import_batch', 'count_slice', 'crime_count']);

describe('uploading a file through the browser', () => {
  it('refuses an upload without the CSRF token before reading the file, and writes nothing', async () => {
    await owner.get('/data/upload');
    const before = await counted();
    const res = await owner.postMultipart('/data/upload', [
      { name: 'file', filename: 'recorded-crime-borough.csv', content: readFileSync(testData(RECENT)) },
      { name: '_csrf', value: owner.csrf },
    ]);
    expect(res.statusCode).toBe(403);
    expect(await counted()).toEqual(before);
  });

  it('refuses a viewer', async () => {
    const viewer = await h.signIn('viewer@police.example');
    expect((await viewer.get('/data/upload')).statusCode).toBe(403);
  });

  it('imports the real MPS borough file with the same importer as the CLI and shows its summary', async () => {
    await owner.get('/data/upload');
    const res = await owner.postMultipart('/data/upload', [
      { name: '_csrf', value: owner.csrf },
      { name: 'extractDate', value: '' },
      { name: 'file', filename: 'recorded-crime-borough.csv', content: readFileSync(testData(RECENT)) },
    ]);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('File imported');
    // 1,032 data rows: python3 csv.DictReader over the file, len(rows).
    expect(res.body).toMatch(/Rows read\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*1,032/);
    // Tower Hamlets, every month 2024-03..2026-02, summed with python3 over the file's month columns.
    expect(
      await sumCounts(h.t.database, {
        seriesPrefix: 'mps-borough/ho_aligned',
        areaCode: TH,
        from: '2024-03-01',
        to: '2026-02-01',
      }),
    ).toBe(73421);
    const batch = await h.t.database.db.selectFrom('import_batch').selectAll().executeTakeFirstOrThrow();
    expect(batch.file_name).toBe('recorded-crime-borough.csv');
    expect(batch.imported_by).toBe('owner@police.example');
    const imports = await auditEntries(h, 'import');
    expect(imports).toHaveLength(1);
    expect(imports[0]).toMatchObject({
      actor_email: 'owner@police.example',
      subject_id: String(batch.id),
      outcome: 'success',
    });
    expect(JSON.parse(imports[0]!.details)).toMatchObject({ file: 'recorded-crime-borough.csv', rowsRead: 1032 });
  });

  it("shows a rejected file's problems with line, column and value, audits the failure and writes nothing", async () => {
    const before = await counted();
    const bad = 'majortext,minortext,boroughname,202403\nVIOLENCE AGAINST THE PERSON,HOMICIDE,Tower Hamlets,lots\n';
    await owner.get('/data/upload');
    const res = await owner.postMultipart('/data/upload', [
      { name: '_csrf', value: owner.csrf },
      { name: 'file', filename: 'bad.csv', content: Buffer.from(bad) },
    ]);
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('bad.csv was rejected; nothing from it was imported');
    const cells = [...res.body.matchAll(/<td class="govuk-table__cell">([^<]*)<\/td>/g)].map((m) => m[1]);
    expect(cells.slice(0, 3)).toEqual(['2', '202403', 'lots']);
    expect(await counted()).toEqual(before);
    const failure = (await auditEntries(h, 'import')).find((e) => e.outcome === 'failure')!;
    expect(failure).toMatchObject({ actor_email: 'owner@police.example', subject_id: 'bad.csv' });
  });

  it('asks for a file when none was chosen', async () => {
    await owner.get('/data/upload');
    const res = await owner.postMultipart('/data/upload', [
      { name: '_csrf', value: owner.csrf },
      { name: 'file', filename: '', content: Buffer.alloc(0) },
    ]);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Select a file to import');
  });
});

describe('a file over 100 MB', () => {
  it('is streamed to a temporary file, never held in memory, and the temporary file is removed', async () => {
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = h.app.server.address() as AddressInfo;
    await owner.get('/data/upload');
    const boundary = '----saferBigUpload';
    const row = Buffer.from('1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30\n');
    const rows = Math.ceil((120 * 1024 * 1024) / row.length);
    async function* body() {
      yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${owner.csrf}\r\n`);
      yield Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\nnot,a,known,layout\n`,
      );
      const chunk = Buffer.concat(Array(1024).fill(row));
      for (let i = 0; i < rows; i += 1024) yield chunk;
      yield Buffer.from(`\r\n--${boundary}--\r\n`);
    }
    const before = tempUploads();
    let peak = 0;
    const baseline = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss - baseline);
    }, 20);
    const res = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/data/upload',
          headers: {
            cookie: [...owner.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
            'content-type': `multipart/form-data; boundary=${boundary}`,
          },
        },
        (r) => {
          let text = '';
          r.on('data', (d) => {
            text += d;
          });
          r.on('end', () => resolve({ status: r.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      pipeline(Readable.from(body()), req).catch(reject);
    });
    clearInterval(sampler);
    expect(res.status).toBe(422);
    expect(res.text).toContain('big.csv was rejected; nothing from it was imported');
    // 120 MB went through; memory grew by far less than the file's size.
    expect(peak).toBeLessThan(60 * 1024 * 1024);
    expect(tempUploads()).toEqual(before);
  });
});

function tempUploads(): string[] {
  return readdirSync(tmpdir())
    .filter((n) => n.startsWith('safer-upload-'))
    .sort();
}

describe('undoing an uploaded batch from its page', () => {
  it("is offered only to the owning agency's data owner, and returns the figures to zero", async () => {
    const batch = await h.t.database.db
      .selectFrom('import_batch')
      .select('id')
      .where('status', '=', 'imported')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const viewer = await h.signIn('viewer@police.example');
    expect((await viewer.get(`/data/imports/${batch.id}`)).body).not.toContain('Undo import batch');
    await viewer.get('/');
    expect((await viewer.post(`/data/imports/${batch.id}/undo`)).statusCode).toBe(403);
    const page = await owner.get(`/data/imports/${batch.id}`);
    expect(page.body).toContain(`Undo import batch ${batch.id}`);
    const res = await owner.post(`/data/imports/${batch.id}/undo`);
    expect(res.statusCode).toBe(303);
    expect((await owner.get(res.headers.location as string)).body).toContain('The batch was undone');
    expect(
      await sumCounts(h.t.database, {
        seriesPrefix: 'mps-borough/ho_aligned',
        areaCode: TH,
        from: '2024-03-01',
        to: '2026-02-01',
      }),
    ).toBe(0);
    expect((await auditEntries(h, 'import.undo')).map((e) => [e.actor_email, e.subject_id])).toEqual([
      ['owner@police.example', String(batch.id)],
    ]);
  });
});

describe("the audit entry shares the import's transaction", () => {
  it('when writing it fails, the import is rolled back and nothing is left', async () => {
    const before = await counted();
    const auditBefore = (await auditEntries(h, 'import')).length;
    await expect(
      importFile(h.t.database, testData('mps/borough/MPS Borough Level Crime (most recent 24 months).csv'), {
        importedBy: 'test',
        refreshAggregates: refreshAggregatesForBatch,
        beforeCommit: async () => {
          throw new Error('audit log unavailable');
        },
      }),
    ).rejects.toThrow('audit log unavailable');
    expect(await counted()).toEqual(before);
    expect(await auditEntries(h, 'import')).toHaveLength(auditBefore);
  });
});

describe('safeFileName', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\me\\crime.csv', 'crime.csv'],
    ['..hidden', 'hidden'],
    ['rates <2024>.csv', 'rates _2024_.csv'],
    ['', 'upload'],
  ])('%s → %s', (input, output) => expect(safeFileName(input)).toBe(output));
});
