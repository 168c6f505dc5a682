import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { DIMENSIONS } from '../../../analysis/request.ts';
import { READERS, useSignedInDashboard } from '../../../../test/signedInDashboard.ts';
import { auditEntries } from '../../testing/appHarness.ts';
import { BY_GROUPS } from './explorer/explorerQuery.ts';
import { csvTable } from '../../../../test/csvTable.ts';

const t = useSignedInDashboard(READERS);

const qs = (params: Record<string, string>) => new URLSearchParams(params).toString();
// python over demo-data/mps/monthly-crime-dashboard.csv.gz: E09000030, Borough, Knife Crime with Injury, Offences, Apr 2024 – Mar 2025.
const KCWI = { definition: 'knife-crime-with-injury', area: 'E09000030', period: '2024/25', by: 'month' };
const KCWI_MONTHS = [13, 16, 11, 17, 15, 15, 15, 18, 5, 5, 15, 20];
// One ward's victim ages in one month of the SYNTHETIC partner extract: small counts.
const PARTNER = {
  definition: 'knife-crime',
  area: 'E09000030',
  period: 'Jan 2026',
  by: 'ward',
  source: 'partner-police',
};

const decode = (s: string) =>
  s
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ')
    .trim();

/** The page's table as text: header cells and rows of cells. */
function pageTable(html: string): { head: string[]; rows: string[][] } {
  const table = /<div class="app-table-scroll" id="explorer-table">([\s\S]*?)<\/table>/.exec(html)?.[1] ?? '';
  const head = [...(/<thead[\s\S]*?<\/thead>/.exec(table)?.[0] ?? '').matchAll(/<th[^>]*>([\s\S]*?)<\/th>/g)].map((m) =>
    decode(m[1]!),
  );
  const body = /<tbody[\s\S]*?<\/tbody>/.exec(table)?.[0] ?? '';
  const rows = [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((r) =>
    [...r[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => decode(c[1]!)),
  );
  return { head, rows };
}
const pageCounts = (html: string) => {
  const t = pageTable(html);
  const i = t.head.indexOf('Count');
  return t.rows.map((r) => r[i]!.replace(/,/g, '').replace(' (withheld)', ''));
};

async function workbook(body: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb;
}

describe('Explorer page', () => {
  it('offers every breakdown the engine knows, once, in labelled groups', () => {
    const offered = BY_GROUPS.flatMap((g) => g.options.map((o) => o.value));
    expect([...offered].sort()).toEqual([...DIMENSIONS].sort());
  });

  it("shows the table, chart and permalink; the counts are the MPS dashboard file's", async () => {
    const res = await t.as.analyst.get(`/explorer?${qs(KCWI)}`);
    expect(res.statusCode).toBe(200);
    expect(pageCounts(res.body)).toEqual(KCWI_MONTHS.map(String));
    const { head } = pageTable(res.body);
    expect(head.slice(0, 6)).toEqual(['Month', 'Count', 'Rate', 'Interval', 'Method', 'Extract date']);
    expect(head).toContain('SPC: centre');
    expect(res.body).toContain('<svg');
    expect(res.body).toContain('app-chart__series'); // the line chart for a time breakdown
    const permalink = /id="explorer-permalink" type="text" value="([^"]+)"/.exec(res.body)?.[1]?.replace(/&amp;/g, '&');
    expect(permalink).toMatch(
      /\/explorer\?definition=knife-crime-with-injury&area=E09000030&period=2024%2F25&by=month$/,
    );
    // Following the permalink gives the same table.
    expect(
      pageCounts((await t.as.analyst.get(new URL(permalink!).pathname + new URL(permalink!).search)).body),
    ).toEqual(KCWI_MONTHS.map(String));
  });

  it('draws bars for a categorical breakdown', async () => {
    const res = await t.as.analyst.get(
      `/explorer?${qs({ ...KCWI, by: 'ward', definition: '', category: 'violence against the person', source: 'mps-ward' })}`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/<svg[^>]*role="img"/);
    expect(res.body).not.toContain('app-chart__series');
    // python over demo-data/mps/recorded-crime-ward.csv: lookup_boroughname 'Tower Hamlets', majortext 'VIOLENCE AGAINST
    // THE PERSON', columns 202404–202503 summed per wardcode: the 20 wards (2018), 9,522 offences in all.
    const counts = pageCounts(res.body);
    expect(Object.fromEntries(pageTable(res.body).rows.map((r, i) => [r[0], Number(counts[i])]))).toEqual({
      E05009317: 792,
      E05009318: 511,
      E05009319: 625,
      E05009320: 333,
      E05009321: 392,
      E05009322: 383,
      E05009323: 630,
      E05009324: 255,
      E05009325: 674,
      E05009326: 112,
      E05009327: 565,
      E05009328: 324,
      E05009329: 373,
      E05009330: 250,
      E05009331: 652,
      E05009332: 454,
      E05009333: 721,
      E05009334: 347,
      E05009335: 363,
      E05009336: 766,
    });
  });

  it('finds total notifiable offences by name like any category', async () => {
    // python3 over demo-data/mps/recorded-crime-borough.csv: Tower Hamlets, every category, Apr 2024–Mar 2025 = 36,458.
    const res = await t.as.analyst.get(
      `/explorer?${qs({ area: 'E09000030', period: '2024/25', by: 'none', definition: '', category: 'Total notifiable offences' })}`,
    );
    expect(res.statusCode).toBe(200);
    expect(pageCounts(res.body)[0]).toBe('36458');
  });

  it('names in its data notes the extract that left out a partial month the figure reads', async () => {
    // python3 over demo-data/mps/recorded-crime-ward.csv: its 2024-02 column sums to 40 for all London; the median of its 25 month totals is 74,219.
    const res = await t.as.analyst.get(
      `/explorer?${qs({ area: 'E09000030', period: '2023/24', by: 'none', definition: '', category: 'violence against the person', source: 'mps-ward' })}`,
    );
    expect(res.statusCode).toBe(200);
    expect(decode(res.body)).toContain(
      'MPS ward counts (London Datastore): the extract of 2026-03-01 (recorded-crime-ward.csv) left out 2024-02 as a partial month (40 offences against a median month of 74,219); 2024-02 is counted from an earlier extract where one was imported',
    );
  });

  it('says why a figure cannot be produced instead of showing zero', async () => {
    const res = await t.as.analyst.get(`/explorer?${qs({ ...KCWI, period: '1999/00' })}`);
    expect(res.statusCode).toBe(200);
    expect(
      decode(/<div class="govuk-inset-text" id="explorer-problem">([\s\S]*?)<\/div>/.exec(res.body)?.[1] ?? ''),
    ).toMatch(
      /^This figure cannot be produced No data for Knife crime with injury: MPS monthly crime dashboard holds no data for Tower Hamlets in 1999\/00: the period is outside the months it holds for Tower Hamlets \(2022-03 to 2026-02\)/,
    );
    expect(res.body).not.toContain('id="explorer-table"');
  });

  it('refuses a breakdown it does not know with a 400', async () => {
    expect((await t.as.analyst.get(`/explorer?${qs({ ...KCWI, by: 'shoe-size' })}`)).statusCode).toBe(400);
  });

  it('shows partner figures to an analyst with small numbers withheld, and audits the aggregate read', async () => {
    const before = (await auditEntries(t.f.h, 'read.aggregate')).length;
    const res = await t.as.analyst.get(`/explorer?${qs(PARTNER)}`);
    expect(res.body).toContain('id="explorer-disclosure"');
    const counts = pageCounts(res.body);
    expect(counts.length).toBeGreaterThan(0);
    for (const c of counts) expect(c === '*' || c === '0' || Number(c) > 7).toBe(true);
    expect(counts).toContain('*');
    expect(res.body).toContain('SYNTHETIC');
    const entries = (await auditEntries(t.f.h, 'read.aggregate')).slice(before);
    expect(entries).toHaveLength(1);
    expect(JSON.parse(String(entries[0]!.details))).toMatchObject({
      via: 'page',
      classification: 'personal',
      rule: 'case-derived',
    });
  });

  it('shows the police data owner the unsuppressed figures on the page, but the download applies the rule', async () => {
    const page = pageCounts((await t.as.owner.get(`/explorer?${qs(PARTNER)}`)).body);
    expect(page.some((c) => Number(c) >= 1 && Number(c) <= 7)).toBe(true);
    const csv = csvTable((await t.as.owner.get(`/explorer/download.csv?${qs(PARTNER)}`)).body);
    const count = csv[0]!.indexOf('count');
    expect(csv.length - 1).toBe(page.length);
    // Small counts are withheld; every other count is either the page's value or withheld to protect a small one.
    page.forEach((c, i) => {
      const downloaded = csv[i + 1]![count];
      if (Number(c) >= 1 && Number(c) <= 7) expect(downloaded).toBe('*');
      else expect([c, '*']).toContain(downloaded);
    });
  });
});

describe('Explorer downloads', () => {
  it('CSV: the same counts as the page, then the notes with the OGL attribution', async () => {
    const res = await t.as.analyst.get(`/explorer/download.csv?${qs(KCWI)}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="safer-knife-crime-with-injury-e09000030-2024-25-month\.csv"$/,
    );
    const rows = csvTable(res.body);
    expect(rows[0]!.slice(0, 3)).toEqual(['group.month', 'count', 'denominator']);
    expect(rows.slice(1).map((r) => Number(r[1]))).toEqual(KCWI_MONTHS);
    expect(res.body).toContain(
      'Licence,Contains public sector information licensed under the Open Government Licence v3.0\r\n',
    );
    expect(res.body).toContain('Source,MPS monthly crime dashboard\r\n');
    expect(res.body).toContain('Extract dates,2026-03-18\r\n');
  });

  it("XLSX: a data sheet with the page's counts and a notes sheet with definition, source, dates, method, disclosure and licence", async () => {
    const res = await t.as.analyst.get(`/explorer/download.xlsx?${qs(KCWI)}`);
    expect(res.statusCode).toBe(200);
    const wb = await workbook(res.rawPayload);
    const data = wb.getWorksheet('Data')!;
    const head = (data.getRow(1).values as unknown[]).slice(1);
    const countColumn = head.indexOf('Count') + 1;
    const counts: unknown[] = [];
    for (let r = 2; r <= 13; r++) counts.push(data.getRow(r).getCell(countColumn).value);
    expect(counts).toEqual(KCWI_MONTHS);
    const notes = new Map<string, string>();
    wb.getWorksheet('Notes')!.eachRow((row) =>
      notes.set(String(row.getCell(1).value), String(row.getCell(2).value ?? '')),
    );
    expect(notes.get('Definition')).toBe(
      'Knife crime with injury (knife-crime-with-injury, version 1); counts offences',
    );
    expect(notes.get('Source')).toBe('MPS monthly crime dashboard');
    expect(notes.get('Extract dates')).toBe('2026-03-18');
    expect(notes.get('Method')).toContain('crude rate per 1,000');
    expect(notes.get('Disclosure control')).toBe('Published figures: no disclosure control is needed.');
    expect(notes.get('Licence')).toBe(
      'Contains public sector information licensed under the Open Government Licence v3.0',
    );
    expect(notes.has('SYNTHETIC')).toBe(false);
  });

  it('XLSX of partner figures: SYNTHETIC marked, the disclosure rule named, no OGL attribution', async () => {
    const wb = await workbook((await t.as.analyst.get(`/explorer/download.xlsx?${qs(PARTNER)}`)).rawPayload);
    const notes = new Map<string, string>();
    wb.getWorksheet('Notes')!.eachRow((row) =>
      notes.set(String(row.getCell(1).value), String(row.getCell(2).value ?? '')),
    );
    expect(notes.get('SYNTHETIC')).toMatch(/^SYNTHETIC/);
    expect(notes.get('Disclosure control')).toMatch(
      /^case-derived and service data: counts 1–7 suppressed as \*; primary and secondary suppression applied/,
    );
    expect(notes.has('Licence')).toBe(false);
    let synthetic = false;
    wb.getWorksheet('Data')!.eachRow((row) => {
      if (String(row.getCell(1).value).startsWith('SYNTHETIC')) synthetic = true;
    });
    expect(synthetic).toBe(true);
  });

  it('chart SVG has a title and description; PNG starts with the PNG signature', async () => {
    const svg = await t.as.analyst.get(`/explorer/chart.svg?${qs(KCWI)}`);
    expect(svg.statusCode).toBe(200);
    expect(svg.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
    expect(svg.body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg.body).toMatch(/<title id="[^"]+">Knife crime with injury by month, Tower Hamlets, 2024\/25<\/title>/);
    expect(svg.body).toMatch(/<desc id="[^"]+">[^<]*the latest \(2025-03\) 20/);
    const png = await t.as.analyst.get(`/explorer/chart.png?${qs(KCWI)}`);
    expect(png.statusCode).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect([...png.rawPayload.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // 720 wide in the viewBox, drawn at twice that: width is bytes 16–19 of the IHDR chunk.
    expect(png.rawPayload.readUInt32BE(16)).toBe(1440);
  });

  it('records every download in the audit log with its format and disclosure', async () => {
    const before = (await auditEntries(t.f.h, 'export')).length;
    for (const path of ['download.csv', 'download.xlsx', 'chart.svg', 'chart.png'])
      expect((await t.as.analyst.get(`/explorer/${path}?${qs(KCWI)}`)).statusCode).toBe(200);
    await t.as.analyst.get(`/explorer/download.csv?${qs(PARTNER)}`);
    const entries = (await auditEntries(t.f.h, 'export')).slice(before);
    expect(entries.map((e) => JSON.parse(String(e.details)).format)).toEqual(['csv', 'xlsx', 'svg', 'png', 'csv']);
    expect(entries[0]).toMatchObject({
      actor_email: 'analyst@council.example',
      subject_type: 'analysis',
      subject_id: 'knife-crime-with-injury',
    });
    expect(JSON.parse(String(entries[0]!.details))).toMatchObject({
      via: 'explorer',
      source: 'mps-dashboard',
      disclosure: null,
      rows: 12,
      query: { period: '2024/25', by: 'month' },
    });
    expect(JSON.parse(String(entries[4]!.details))).toMatchObject({
      source: 'partner-police',
      classification: 'personal',
      disclosure: 'case-derived',
    });
  });

  it('a viewer sees the figures but no download links, and every download answers 403 without an audit entry', async () => {
    const page = await t.as.viewer.get(`/explorer?${qs(KCWI)}`);
    expect(page.statusCode).toBe(200);
    expect(pageCounts(page.body)).toEqual(KCWI_MONTHS.map(String));
    expect(page.body).not.toContain('/explorer/download.csv');
    expect(page.body).not.toContain('/explorer/chart.png');
    expect(page.body).toContain('id="explorer-no-downloads"');
    const before = (await auditEntries(t.f.h, 'export')).length;
    for (const path of ['download.csv', 'download.xlsx', 'chart.svg', 'chart.png'])
      expect((await t.as.viewer.get(`/explorer/${path}?${qs(KCWI)}`)).statusCode).toBe(403);
    expect((await auditEntries(t.f.h, 'export')).length).toBe(before);
  });

  it('a download of a figure that cannot be produced is an error with the reason, not an empty file', async () => {
    const res = await t.as.analyst.get(`/explorer/download.csv?${qs({ ...KCWI, period: '1999/00' })}`);
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('holds no data for Tower Hamlets in 1999/00');
  });

  it('neutralises a formula in a CSV cell (an area name that starts with =)', async () => {
    await t.f.h.t.database.db
      .updateTable('area')
      .set({ name: '=HYPERLINK("http://example.invalid","x")' })
      .where('code', '=', 'E05009333')
      .execute();
    const params = {
      definition: '',
      category: 'violence against the person',
      area: 'E09000030',
      period: '2023/24',
      by: 'ward',
      source: 'mps-ward',
    };
    const res = await t.as.analyst.get(`/explorer/download.csv?${qs(params)}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(',"\'=HYPERLINK(""http://example.invalid"",""x"")",');
    expect(res.body).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });
});
