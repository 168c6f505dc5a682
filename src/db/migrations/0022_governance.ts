import type { Kysely } from 'kysely';
import { runStatements } from './runStatements.ts';

/**
 * Governance (issue 19): boards and subgroups, their members, standing items and meetings; a meeting's agenda,
 * attendance, minutes, decisions and the actions arising from it.
 *
 * - board: a board or subgroup (`parent_board_id`), its terms of reference, chair and quorum. A restricted board's
 *   minutes and decisions are read only by its members (the application enforces it; the flag is the rule).
 * - board_member: who sits on it, for which agency and in what role, from when until when (history kept: a
 *   member leaves by `left_on`, never by deletion, so past quoracy can still be worked out).
 * - board_standing_item: what every agenda starts from; `source` says where its content is drawn from.
 * - meeting, meeting_agenda_item (a snapshot of what the standing item showed when the agenda was built),
 *   meeting_attendance.
 * - meeting_minutes, decision, meeting_action_status: append-only. Minutes are versions; a decision, once
 *   recorded, is what the board decided (a later decision may supersede it, naming it); an action arising keeps
 *   its status history and is carried to each later meeting of its board until closed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE FUNCTION governance_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% keeps its history: % refused', TG_TABLE_NAME, TG_OP;
      END
    $$`,
    `CREATE TABLE board (
      id serial PRIMARY KEY,
      name text NOT NULL UNIQUE CHECK (btrim(name) <> ''),
      kind text NOT NULL CHECK (kind IN ('board', 'subgroup')),
      parent_board_id integer REFERENCES board (id),
      terms_of_reference text NOT NULL DEFAULT '',
      chair_user_id integer REFERENCES app_user (id),
      quorum integer NOT NULL CHECK (quorum >= 1),
      restricted boolean NOT NULL DEFAULT false,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (parent_board_id IS NULL OR parent_board_id <> id)
    )`,
    `CREATE TABLE board_member (
      id serial PRIMARY KEY,
      board_id integer NOT NULL REFERENCES board (id),
      user_id integer NOT NULL REFERENCES app_user (id),
      agency_code text NOT NULL REFERENCES agency (code),
      member_role text NOT NULL CHECK (member_role IN ('chair', 'vice-chair', 'member', 'adviser', 'secretariat')),
      voting boolean NOT NULL DEFAULT true,
      joined_on date NOT NULL,
      left_on date,
      CHECK (left_on IS NULL OR left_on >= joined_on)
    )`,
    'CREATE INDEX board_member_by_board ON board_member (board_id, user_id)',
    'CREATE INDEX board_member_by_user ON board_member (user_id)',
    `CREATE TABLE board_standing_item (
      id serial PRIMARY KEY,
      board_id integer NOT NULL REFERENCES board (id),
      position integer NOT NULL,
      title text NOT NULL CHECK (btrim(title) <> ''),
      source text NOT NULL CHECK (source IN ('fixed', 'performance-exceptions', 'plan-items-at-risk',
        'actions-arising', 'register-summary')),
      retired_at timestamptz,
      UNIQUE (board_id, position)
    )`,
    `CREATE TABLE meeting (
      id serial PRIMARY KEY,
      board_id integer NOT NULL REFERENCES board (id),
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      location text NOT NULL DEFAULT '',
      status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held', 'cancelled')),
      ics_sequence integer NOT NULL DEFAULT 0,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (ends_at > starts_at)
    )`,
    'CREATE INDEX meeting_by_board ON meeting (board_id, starts_at)',
    `CREATE TABLE meeting_agenda_item (
      id serial PRIMARY KEY,
      meeting_id integer NOT NULL REFERENCES meeting (id),
      position integer NOT NULL,
      title text NOT NULL CHECK (btrim(title) <> ''),
      source text NOT NULL,
      standing_item_id integer REFERENCES board_standing_item (id),
      content jsonb NOT NULL DEFAULT '[]',
      paper_url text,
      UNIQUE (meeting_id, position)
    )`,
    `CREATE TABLE meeting_attendance (
      meeting_id integer NOT NULL REFERENCES meeting (id),
      user_id integer NOT NULL REFERENCES app_user (id),
      agency_code text NOT NULL REFERENCES agency (code),
      attendance text NOT NULL CHECK (attendance IN ('present', 'apologies', 'absent', 'substitute')),
      recorded_by text NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (meeting_id, user_id)
    )`,
    `CREATE TABLE meeting_minutes (
      id serial PRIMARY KEY,
      meeting_id integer NOT NULL REFERENCES meeting (id),
      version integer NOT NULL CHECK (version >= 1),
      body text NOT NULL CHECK (btrim(body) <> ''),
      written_by text NOT NULL,
      written_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (meeting_id, version)
    )`,
    `CREATE TABLE decision (
      id serial PRIMARY KEY,
      meeting_id integer NOT NULL REFERENCES meeting (id),
      number text NOT NULL,
      text text NOT NULL CHECK (btrim(text) <> ''),
      supersedes_decision_id integer REFERENCES decision (id),
      recorded_by text NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (meeting_id, number)
    )`,
    `CREATE TABLE meeting_action (
      id serial PRIMARY KEY,
      meeting_id integer NOT NULL REFERENCES meeting (id),
      decision_id integer REFERENCES decision (id),
      text text NOT NULL CHECK (btrim(text) <> ''),
      owner_user_id integer REFERENCES app_user (id),
      owner_agency text REFERENCES agency (code),
      due_on date,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`,
    'CREATE INDEX meeting_action_by_owner ON meeting_action (owner_user_id)',
    `CREATE TABLE meeting_action_status (
      id serial PRIMARY KEY,
      action_id integer NOT NULL REFERENCES meeting_action (id),
      status text NOT NULL CHECK (status IN ('open', 'complete', 'dropped')),
      reason text NOT NULL CHECK (btrim(reason) <> ''),
      meeting_id integer REFERENCES meeting (id),
      changed_by text NOT NULL,
      changed_at timestamptz NOT NULL DEFAULT now()
    )`,
    'CREATE INDEX meeting_action_status_by_action ON meeting_action_status (action_id, id)',
    ...['meeting_minutes', 'decision', 'meeting_action_status'].flatMap((t) => [
      `CREATE TRIGGER ${t}_append_only BEFORE UPDATE OR DELETE ON ${t}
        FOR EACH ROW EXECUTE FUNCTION governance_refuse_change()`,
      `CREATE TRIGGER ${t}_no_truncate BEFORE TRUNCATE ON ${t}
        FOR EACH STATEMENT EXECUTE FUNCTION governance_refuse_change()`,
    ]),
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    'DROP TABLE meeting_action_status',
    'DROP TABLE meeting_action',
    'DROP TABLE decision',
    'DROP TABLE meeting_minutes',
    'DROP TABLE meeting_attendance',
    'DROP TABLE meeting_agenda_item',
    'DROP TABLE meeting',
    'DROP TABLE board_standing_item',
    'DROP TABLE board_member',
    'DROP TABLE board',
    'DROP FUNCTION governance_refuse_change()',
  ]);
}
