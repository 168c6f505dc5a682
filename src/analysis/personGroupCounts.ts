import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../db/schema.ts';
import { scopedDataVersion } from './dataVersion.ts';
import { type GroupKey, partnerGroupColumn } from './groupKeys.ts';
import type { AggregateColumn, AggregateTable } from './sliceScope.ts';

/*
 * The People page asks six breakdowns of the same partner records (victims' and suspects' age, sex and ethnicity),
 * each its own analysis, in parallel. Asked one by one, each statement scanned the same slices and rows (about 55 ms
 * each on the demo data in issue 16's miss mix). Here the six are asked as one statement with grouping sets, and the
 * analyses of one request (and any other asking the same at the same time) share its answer.
 */

/** The person breakdowns read together; each groups by the partner aggregate's column for it (groupKeys.ts). */
const GROUPS: GroupKey[] = [
  'victim-age',
  'suspect-age',
  'victim-sex',
  'suspect-sex',
  'victim-ethnicity',
  'suspect-ethnicity',
];
const PERSON_COLUMNS: Partial<Record<GroupKey, AggregateColumn>> = Object.fromEntries(
  GROUPS.map((g) => [g, partnerGroupColumn(g)]),
);

/** Where a group's counts are read from (countTables.ts): age bands and sex or ethnicity live in different aggregates. */
export interface SharedTable {
  table: AggregateTable;
  counted: AggregateColumn;
}

export const isPersonGroup = (group: GroupKey): boolean => group in PERSON_COLUMNS;

/** A row as countByMonth's own statement returns it. */
export interface GroupedRow {
  month: string;
  grp: string | null;
  n: number | string;
  extract: string | Date;
}

/*
 * The group keys written with literals, not parameters, so that the select list, the grouping sets and GROUPING()
 * name the same expressions: each set groups by exactly what the single statement grouped by (the month as
 * 'YYYY-MM' and the column as text, null read as 'unknown').
 */
const MONTH = sql`to_char(s.month, 'YYYY-MM')`;
const keyOf = (group: GroupKey) => sql`coalesce(${sql.ref(PERSON_COLUMNS[group]!)}::text, 'unknown')`;

/** The statement for `groups` (all read from one table): each row says which of them it belongs to. */
function statement(groups: GroupKey[], table: SharedTable, where: Expression<SqlBool>) {
  const keys = groups.map(keyOf);
  const sets = sql.join(keys.map((key) => sql`(${MONTH}, ${key})`));
  const which = sql.join(
    keys.map((key, i) => sql`WHEN grouping(${key}) = 0 THEN ${sql.lit(i)}`),
    sql` `,
  );
  const value = sql.join(
    keys.map((key) => sql`WHEN grouping(${key}) = 0 THEN ${key}`),
    sql` `,
  );
  return sql<GroupedRow & { which: number }>`
    SELECT CASE ${which} END AS which, ${MONTH} AS month, CASE ${value} END AS grp,
      coalesce(sum(${sql.ref(table.counted)}), 0)::int8 AS n, to_char(max(s.extract_date), 'YYYY-MM-DD') AS extract
    FROM count_slice s JOIN ${sql.table(table.table)} a ON a.slice_id = s.id
    WHERE ${where}
    GROUP BY GROUPING SETS (${sets})
    ORDER BY 1, 2, 3`;
}

/** Rows in flight or just answered, per data version and statement; a few requests' worth, for siblings to meet. */
export const PERSON_MEMO_ENTRIES = 64;
const memos = new WeakMap<Kysely<DB>, Map<string, Promise<GroupedRow[][]>>>();

/**
 * One person breakdown's rows, read in one statement with the others `tableOf` reads from the same table and column.
 * Ordered within each breakdown by month, then group: the order the single statement's sort-based grouping returned
 * them in (shares with equal counts keep it). Outside a data-version scope nothing is shared and null is returned:
 * the caller asks its own statement.
 */
export async function personGroupRows(
  db: Kysely<DB>,
  group: GroupKey,
  tableOf: (group: GroupKey) => SharedTable,
  where: Expression<SqlBool>,
): Promise<GroupedRow[] | null> {
  const version = scopedDataVersion(db);
  if (version === null || !isPersonGroup(group)) return null;
  const table = tableOf(group);
  const groups = GROUPS.filter((g) => {
    const other = tableOf(g);
    return other.table === table.table && other.counted === table.counted;
  });
  const query = statement(groups, table, where);
  const compiled = query.compile(db);
  const key = `${await version}\u0000${compiled.sql}\u0000${JSON.stringify(compiled.parameters)}`;
  let memo = memos.get(db);
  if (memo === undefined) {
    memo = new Map();
    memos.set(db, memo);
  }
  let answer = memo.get(key);
  if (answer === undefined) {
    answer = query.execute(db).then(({ rows }) => groups.map((_, i) => rows.filter((r) => Number(r.which) === i)));
    const kept = answer;
    memo.set(key, kept);
    kept.catch(() => {
      if (memo.get(key) === kept) memo.delete(key);
    });
    while (memo.size > PERSON_MEMO_ENTRIES) memo.delete(memo.keys().next().value!);
  }
  return (await answer)[groups.indexOf(group)]!;
}
