/**
 * Decision 0018 on PGlite: what running a marked statement as a named prepared statement (src/db/pglitePrepared.ts)
 * saves against query(), which parses and plans every statement afresh. One in-memory PGlite, SYNTHETIC tables
 * shaped like the case page's (20,000 cases, each with a panel, a person, risks, actions, links and meetings), and
 * one query like src/panels/cases/caseRecord.ts (joins, a need-to-know EXISTS, five JSON subqueries), run RUNS times
 * plain and RUNS times marked, through Kysely and the dialect the app uses, in alternating blocks so that drift
 * (others' load on the machine) falls on both alike. Prints ms per run for each and the ratio.
 * `node bin/run-ts.js bench/db/pglitePrepared.ts`; SAFER_BENCH_RUNS (default 2000).
 */
import { PGlite } from '@electric-sql/pglite';
import { CompiledQuery, Kysely } from 'kysely';
import { PgliteDialect } from '../../src/db/pgliteDialect.ts';
import { preparingPglite } from '../../src/db/pglitePrepared.ts';
import { PREPARED_MARK } from '../../src/db/preparedQuery.ts';

const CASES = 20_000;
const RUNS = Number(process.env.SAFER_BENCH_RUNS ?? 2000);
const BLOCK = 100;

const SCHEMA = `
  CREATE TABLE panel (id int PRIMARY KEY, name text NOT NULL, definition jsonb NOT NULL);
  CREATE TABLE member (panel_id int REFERENCES panel, user_id int, joined_on date, left_on date,
    PRIMARY KEY (panel_id, user_id));
  CREATE TABLE person (id int PRIMARY KEY, name text, born_on date, special jsonb);
  CREATE TABLE case_ (id int PRIMARY KEY, panel_id int NOT NULL REFERENCES panel, person_id int REFERENCES person,
    reference text NOT NULL, status text NOT NULL, summary text, opened_at timestamptz NOT NULL, review_on date,
    allocated_to int);
  CREATE TABLE risk (id serial PRIMARY KEY, case_id int NOT NULL REFERENCES case_, risk text, level text,
    recorded_at timestamptz);
  CREATE TABLE action (id serial PRIMARY KEY, case_id int NOT NULL REFERENCES case_, what text, due_on date,
    done_at timestamptz, owner int);
  CREATE TABLE link (id serial PRIMARY KEY, case_id int NOT NULL REFERENCES case_, other_id int REFERENCES case_,
    why text);
  CREATE TABLE meeting (id serial PRIMARY KEY, panel_id int NOT NULL REFERENCES panel, meets_on date, reason text);
  CREATE TABLE heard (case_id int REFERENCES case_, meeting_id int REFERENCES meeting, PRIMARY KEY (case_id, meeting_id));
  CREATE INDEX ON risk (case_id); CREATE INDEX ON action (case_id); CREATE INDEX ON link (case_id);
  CREATE INDEX ON heard (meeting_id);

  INSERT INTO panel SELECT p, 'panel ' || p, jsonb_build_object('fields', jsonb_build_array('a', 'b'), 'n', p)
    FROM generate_series(1, 20) p;
  INSERT INTO member SELECT p, u, date '2025-01-01', CASE WHEN u % 7 = 0 THEN date '2026-06-01' END
    FROM generate_series(1, 20) p, generate_series(1, 30) u;
  INSERT INTO person SELECT i, 'person ' || i, date '1990-01-01' + i % 9000, jsonb_build_object('s', i % 3)
    FROM generate_series(1, ${CASES}) i;
  INSERT INTO case_ SELECT i, 1 + i % 20, i, 'C-' || i, CASE WHEN i % 5 = 0 THEN 'closed' ELSE 'open' END,
    repeat('summary ', 8), timestamptz '2025-01-01' + i * interval '30 minutes', date '2026-01-01' + i % 365, i % 30
    FROM generate_series(1, ${CASES}) i;
  INSERT INTO risk (case_id, risk, level, recorded_at)
    SELECT i, 'risk ' || k, (ARRAY['low', 'medium', 'high'])[1 + k % 3], timestamptz '2025-06-01' + k * interval '1 day'
    FROM generate_series(1, ${CASES}) i, generate_series(1, 3) k;
  INSERT INTO action (case_id, what, due_on, done_at, owner)
    SELECT i, 'action ' || k, date '2026-01-01' + k, NULL, k FROM generate_series(1, ${CASES}) i, generate_series(1, 4) k;
  INSERT INTO link (case_id, other_id, why) SELECT i, 1 + (i * 7) % ${CASES}, 'same address' FROM generate_series(1, ${CASES}) i;
  INSERT INTO meeting (panel_id, meets_on, reason) SELECT 1 + m % 20, date '2025-01-01' + m * 7, 'monthly'
    FROM generate_series(1, 400) m;
  INSERT INTO heard SELECT i, 1 + i % 400 FROM generate_series(1, ${CASES}) i;
  ANALYZE;
`;

const CASE_PAGE = `SELECT c.id, c.reference, c.status, c.summary, c.opened_at, c.review_on, p.name AS panel,
    p.definition, to_jsonb(pe) AS person,
    EXISTS (SELECT 1 FROM member m WHERE m.panel_id = c.panel_id AND m.user_id = $2 AND m.left_on IS NULL) AS is_member,
    (SELECT coalesce(json_agg(r ORDER BY r.recorded_at DESC), '[]') FROM
      (SELECT id, risk, level, recorded_at FROM risk WHERE case_id = c.id) r) AS risks,
    (SELECT coalesce(json_agg(a ORDER BY a.due_on), '[]') FROM
      (SELECT id, what, due_on, done_at, owner FROM action WHERE case_id = c.id AND (done_at IS NULL OR owner = $2)) a)
      AS actions,
    (SELECT coalesce(json_agg(l), '[]') FROM (SELECT l.id, l.why, o.reference FROM link l
      JOIN case_ o ON o.id = l.other_id WHERE l.case_id = c.id) l) AS links,
    (SELECT coalesce(json_agg(mt ORDER BY mt.meets_on), '[]') FROM (SELECT mt.id, mt.meets_on, mt.reason FROM heard h
      JOIN meeting mt ON mt.id = h.meeting_id WHERE h.case_id = c.id AND mt.meets_on <= $3) mt) AS meetings
  FROM case_ c JOIN panel p ON p.id = c.panel_id LEFT JOIN person pe ON pe.id = c.person_id
  WHERE c.id = $1 AND (c.allocated_to = $2 OR EXISTS (SELECT 1 FROM member m WHERE m.panel_id = c.panel_id
    AND m.user_id = $2 AND m.joined_on <= $3 AND (m.left_on IS NULL OR m.left_on > $3)))`;

async function measurePglitePrepared(): Promise<{ plainMs: number; markedMs: number }> {
  const pglite = await PGlite.create('memory://', { parsers: { 1082: (v: string) => v } });
  try {
    await pglite.exec(SCHEMA);
    const db = new Kysely<object>({ dialect: new PgliteDialect(preparingPglite(pglite)) });
    const values = (i: number) => [1 + ((i * 7919) % CASES), 1 + (i % 30), '2026-12-07'];
    const runBlock = async (text: string, from: number) => {
      const started = performance.now();
      for (let i = from; i < from + BLOCK; i++) {
        const { rows } = await db.executeQuery(CompiledQuery.raw(text, values(i)));
        if (rows.length > 1) throw new Error('one case at most');
      }
      return performance.now() - started;
    };
    // The same rows either way (and some cases found), then warm both: the first marked run prepares.
    let found = 0;
    for (let i = 0; i < 50; i++) {
      const plain = await db.executeQuery(CompiledQuery.raw(CASE_PAGE, values(i)));
      const marked = await db.executeQuery(CompiledQuery.raw(PREPARED_MARK + CASE_PAGE, values(i)));
      if (JSON.stringify(plain.rows) !== JSON.stringify(marked.rows)) throw new Error(`rows differ for ${values(i)}`);
      found += plain.rows.length;
    }
    if (found === 0) throw new Error('no case found: the query measures nothing');
    await runBlock(CASE_PAGE, 0);
    await runBlock(PREPARED_MARK + CASE_PAGE, 0);
    let plain = 0;
    let marked = 0;
    for (let from = 0; from < RUNS; from += BLOCK) {
      plain += await runBlock(CASE_PAGE, from);
      marked += await runBlock(PREPARED_MARK + CASE_PAGE, from);
    }
    const runs = Math.ceil(RUNS / BLOCK) * BLOCK;
    return { plainMs: plain / runs, markedMs: marked / runs };
  } finally {
    await pglite.close();
  }
}

const { plainMs, markedMs } = await measurePglitePrepared();
process.stdout.write(
  `PGlite, case-page-shaped query, ${RUNS} runs each: plain ${plainMs.toFixed(3)} ms/run, ` +
    `marked (named prepared statement) ${markedMs.toFixed(3)} ms/run, ratio ${(plainMs / markedMs).toFixed(2)}×\n`,
);
