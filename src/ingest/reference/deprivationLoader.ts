import { parseGssCode } from '../fields.ts';
import type { FileInfo, LoadContext } from '../layout.ts';
import { ImportRejectedError } from '../problems.ts';
import { columnName, FirstSeen, parseDecile, parseDecimal, parseRank, take } from './referenceFields.ts';
import { ReplacingWriter } from './replacingWriter.ts';

/** Where one domain's score, rank and decile are in a file (column indexes; -1 when the file lacks one). */
export interface DomainColumns {
  domain: string;
  score: number;
  rank: number;
  decile: number;
}

export interface DeprivationSpec {
  /** e.g. 'iod2019', 'iod2019-deciles'. Rows of the same source for the same LSOA replace earlier ones. */
  source: string;
  edition: number;
  code: number;
  domains: DomainColumns[];
}

/** Publishers' header spellings reduced to words: 'Income.Score..rate.' and 'Income Score (rate)' both → 'income score rate'. */
export function canonicalHeader(name: string): string {
  return name
    .toLowerCase()
    .replace(/[._(),%]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function canonicalIndex(file: FileInfo, name: string): number {
  return (file.header ?? []).findIndex((h) => canonicalHeader(h) === name);
}

/** The edition: a year in the file name (IMD2019forLondon.csv, E09000030_2015.csv), else one in the header. */
export function editionOf(file: FileInfo, fromHeader?: number): number {
  const m = /(?:^|[^0-9])(20\d{2})(?:[^0-9]|$)/.exec(file.label);
  const edition = m ? Number(m[1]) : fromHeader;
  if (!edition) {
    throw ImportRejectedError.single(file.label, {
      message: 'cannot tell which edition of the indices this is: put the year in the file name, e.g. imd2019.csv',
    });
  }
  return edition;
}

/** 'NA' marks areas without a value in the CDRC packs (their readme says so). */
const MISSING = ['NA'];

/** Streams a deprivation file described by `spec` into the deprivation table. */
export async function loadDeprivation(ctx: LoadContext, spec: DeprivationSpec): Promise<void> {
  const file = ctx.file;
  const writer = new ReplacingWriter(
    ctx,
    'deprivation',
    ['source', 'lsoa_code', 'edition', 'domain', 'score', 'rank', 'decile'],
    2,
  );
  const seen = new FirstSeen();
  for await (const { line, cells } of ctx.dataRecords()) {
    ctx.stats.rowsRead += 1;
    const code = take(ctx, line, parseGssCode(columnName(file, spec.code), cells[spec.code] ?? '', ['E01']));
    const rows: [domain: string, score: number | null, rank: number | null, decile: number | null][] = [];
    for (const d of spec.domains) {
      const cell = (i: number) => cells[i] ?? '';
      const score =
        d.score < 0
          ? null
          : take(ctx, line, parseDecimal(columnName(file, d.score), cell(d.score), { missing: MISSING }));
      const rank = d.rank < 0 ? null : take(ctx, line, parseRank(columnName(file, d.rank), cell(d.rank), MISSING));
      const decile =
        d.decile < 0 ? null : take(ctx, line, parseDecile(columnName(file, d.decile), cell(d.decile), MISSING));
      if (score === undefined || rank === undefined || decile === undefined) continue;
      if (score === null && rank === null && decile === null) continue;
      rows.push([d.domain, score, rank, decile]);
    }
    if (!code) continue;
    const first = seen.check(code, line);
    if (first !== undefined) {
      ctx.problems.add({
        line,
        column: columnName(file, spec.code),
        value: code,
        message: `duplicate row: the same LSOA as line ${first}`,
      });
      continue;
    }
    for (const [domain, score, rank, decile] of rows)
      await writer.add([spec.source, code, spec.edition, domain, score, rank, decile]);
  }
  await writer.finish();
}
