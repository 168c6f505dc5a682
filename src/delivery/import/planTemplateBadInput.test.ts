import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/createTestDb.ts';
import { CLI_ACTOR, rowCounts } from '../testing/deliveryCounts.ts';
import { importPlan } from './importPlan.ts';
import { SYNTHETIC_PLAN_CSV } from './testing/syntheticPlanTemplate.ts';

/* A template with mistakes: every one named with its file, line (or sheet row) and column, and nothing written. */

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
}, 60_000);
afterAll(async () => t?.drop());

const refused = async (bytes: Uint8Array, fileName = 'plan.csv') => {
  const before = await rowCounts(t.database.db);
  const error = await importPlan(t.database.db, CLI_ACTOR, { fileName, bytes, kind: 'plan' }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(await rowCounts(t.database.db)).toEqual(before);
  return error instanceof Error ? error.message : String(error);
};
/** The SYNTHETIC plan with line `n` (1-based) rewritten. */
const edited = (n: number, change: (line: string) => string) => {
  const lines = SYNTHETIC_PLAN_CSV.split('\r\n');
  lines[n - 1] = change(lines[n - 1] as string);
  return new TextEncoder().encode(lines.join('\r\n'));
};

describe('importing a bad plan template', () => {
  it('refuses a wrong header, naming the columns unknown and missing', async () => {
    expect(await refused(edited(6, (l) => l.replace(',wording,', ',action,')))).toBe(
      'plan.csv, line 6: the header must be theme_number, theme_title, item_number, parent_item_number, kind, category, wording, owner_person, owner_agency, due_date, status, status_reason, update: unknown "action"; missing wording',
    );
  });

  it('refuses a file with no table and an empty file', async () => {
    expect(await refused(new TextEncoder().encode('plan_title,A plan\r\nplan_kind,strategy\r\n'))).toBe(
      "plan.csv, line 2: no table: after the plan's lines comes a header theme_number, theme_title, item_number, parent_item_number, kind, category, wording, owner_person, owner_agency, due_date, status, status_reason, update",
    );
    expect(await refused(new TextEncoder().encode(''))).toBe('plan.csv, line 1: the file is empty');
  });

  it.each([
    [
      7,
      (l: string) => l.replace(',priority,core,', ',task,core,'),
      'line 7, column kind: "task" is not a kind of item: use priority, recommendation, action',
    ],
    [
      11,
      (l: string) => l.replace(',optional,', ',nice-to-have,'),
      'line 11, column category: "nice-to-have" is not a category: use core, optional, emerging, new-section',
    ],
    [
      8,
      (l: string) => l.replace(',on track,', ',green,'),
      'line 8, column status: "green" is not a status: use not started, on track, at risk, off track, complete, dropped',
    ],
    [
      11,
      (l: string) => l.replace('2026-06-30', '2026-02-30'),
      'line 11, column due_date: "2026-02-30" is not a date: write it as YYYY-MM-DD',
    ],
    [
      11,
      (l: string) => l.replace('2026-06-30', '30/06/2026'),
      'line 11, column due_date: "30/06/2026" is not a date: write it as YYYY-MM-DD',
    ],
    [
      13,
      (l: string) => l.replace(',Funding bid not yet decided (SYNTHETIC),', ',,'),
      'line 13, column status_reason: the status "not started" needs a reason',
    ],
    [
      13,
      (l: string) => l.replace(',2.1,action,', ',2.9,action,'),
      'line 13, column parent_item_number: there is no item 2.9 in theme "Tackling domestic abuse" on an earlier row',
    ],
    [
      11,
      (l: string) => l.replace(',1.2,,action,optional,', ',1.2,,action,core,').replace(',1.2,', ',1.1,'),
      'line 11, column item_number: item 1.1 is already on line 7 in theme "Reducing serious violence": give each item its own number',
    ],
    [
      13,
      (l: string) => l.replace(',health,', ',NHS,'),
      'line 13, column owner_agency: "NHS" is not an agency: use police, local_authority, health, probation, youth_justice, fire, vcs',
    ],
    [
      12,
      (l: string) => l.replace('Tackling domestic abuse', 'Domestic abuse'),
      'line 13, column theme_title: theme 2 is called "Domestic abuse" on line 12; one theme, one title',
    ],
  ])('refuses line %i changed: %s', async (line, change, message) => {
    expect(await refused(edited(line, change))).toBe(`plan.csv, ${message}`);
  });

  it('reports every problem at once', async () => {
    const lines = SYNTHETIC_PLAN_CSV.split('\r\n');
    lines[7] = (lines[7] as string).replace(',on track,', ',green,');
    lines[12] = (lines[12] as string).replace('2026-01-31', 'soon');
    expect(await refused(new TextEncoder().encode(lines.join('\r\n')))).toBe(
      [
        'plan.csv, line 8, column status: "green" is not a status: use not started, on track, at risk, off track, complete, dropped',
        'plan.csv, line 13, column due_date: "soon" is not a date: write it as YYYY-MM-DD',
      ].join('\n'),
    );
  });

  it('names the sheet and row of a bad XLSX cell, and refuses a file that is not a workbook', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Plan');
    for (const line of SYNTHETIC_PLAN_CSV.split('\r\n').slice(0, 7)) sheet.addRow(line.split(','));
    sheet.getCell('E7').value = 'task';
    const bytes = Buffer.from(await book.xlsx.writeBuffer());
    expect(await refused(bytes, 'plan.xlsx')).toBe(
      'plan.xlsx, sheet "Plan", row 7, column kind: "task" is not a kind of item: use priority, recommendation, action',
    );
    expect(await refused(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]), 'plan.xlsx')).toBe(
      'plan.xlsx: not a readable XLSX workbook: save it again from the spreadsheet program',
    );
  });
});
