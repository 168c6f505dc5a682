import type { Kysely } from 'kysely';
import { runStatements } from './runStatements.ts';

/**
 * Exploitation screening and multi-agency panels (issue 21): screenings, referrals, MASH triage, panels (MACE,
 * MARAC, IOM, the partnership's own), their cases, meetings, preparation, actions, subject requests, break-glass
 * reads and the anonymous counts that outlive the cases.
 *
 * Least data: a screening holds no identity unless it becomes a referral; a person holds a SYNTHETIC-or-real
 * reference, name, date of birth and sex in clear (needed to match repeats), and the special category fields
 * (ethnicity, health, sexuality, religion) only as `special_enc`: AES-256-GCM under a key held outside the
 * database (src/panels/crypto). Retention removes people and case content and keeps `panel_fact` rows: the
 * anonymous counts. A fact holds an ethnicity group in clear, so it points at its referral or case only through
 * `source_token`, an HMAC under the same outside key (unlinkable without it), cleared by retention.
 *
 * The MASH is a panel of kind 'mash': a referral goes to one panel (the MASH or a panel directly) and waits for
 * that panel's triage, which may open a case in another panel. Break-glass grants are never deleted. The panel
 * definitions live in `panels/*.json` and are copied into `panel` so rows can point at them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE FUNCTION panels_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% keeps its history: % refused', TG_TABLE_NAME, TG_OP;
      END
    $$`,
    `CREATE TABLE screening_tool (
      id text NOT NULL,
      version integer NOT NULL CHECK (version >= 1),
      title text NOT NULL,
      definition jsonb NOT NULL,
      loaded_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (id, version)
    )`,
    `CREATE TABLE panel (
      id text PRIMARY KEY CHECK (id ~ '^[a-z0-9-]+$'),
      version integer NOT NULL CHECK (version >= 1),
      name text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('mash', 'mace', 'marac', 'iom', 'custom')),
      definition jsonb NOT NULL,
      loaded_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE TABLE panel_member (
      id serial PRIMARY KEY,
      panel_id text NOT NULL REFERENCES panel (id),
      user_id integer NOT NULL REFERENCES app_user (id),
      agency text NOT NULL,
      role text NOT NULL CHECK (role IN ('chair', 'coordinator', 'member')),
      joined_on date NOT NULL DEFAULT CURRENT_DATE,
      left_on date,
      added_by text NOT NULL,
      CHECK (left_on IS NULL OR left_on >= joined_on)
    )`,
    `CREATE UNIQUE INDEX panel_member_current ON panel_member (panel_id, user_id) WHERE left_on IS NULL`,
    'CREATE INDEX panel_member_by_user ON panel_member (user_id)',
    `CREATE TABLE person (
      id serial PRIMARY KEY,
      reference text NOT NULL UNIQUE,
      given_name text NOT NULL,
      family_name text NOT NULL,
      date_of_birth date NOT NULL,
      sex text NOT NULL CHECK (sex IN ('female', 'male', 'not-known')),
      match_key text NOT NULL,
      special_enc text,
      created_by integer NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`,
    'CREATE INDEX person_match ON person (match_key)',
    `CREATE TABLE screening (
      id serial PRIMARY KEY,
      tool_id text NOT NULL,
      tool_version integer NOT NULL,
      agency text NOT NULL,
      setting text NOT NULL,
      completed_by integer NOT NULL REFERENCES app_user (id),
      completed_by_email text NOT NULL,
      answers jsonb NOT NULL,
      score integer NOT NULL,
      level text NOT NULL CHECK (level IN ('low', 'medium', 'high')),
      reasons jsonb NOT NULL,
      recommended_route text NOT NULL CHECK (recommended_route IN ('advice', 'early-help', 'mash', 'panel')),
      confirmed_route text NOT NULL CHECK (confirmed_route IN ('advice', 'early-help', 'mash', 'panel')),
      override_reason text,
      age_band text NOT NULL,
      sex text NOT NULL,
      identified boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      FOREIGN KEY (tool_id, tool_version) REFERENCES screening_tool (id, version),
      CHECK (confirmed_route = recommended_route OR btrim(coalesce(override_reason, '')) <> '')
    )`,
    'CREATE INDEX screening_by_agency ON screening (agency, created_at)',
    `CREATE TABLE referral (
      id serial PRIMARY KEY,
      reference text NOT NULL UNIQUE,
      screening_id integer REFERENCES screening (id),
      person_id integer REFERENCES person (id),
      panel_id text NOT NULL REFERENCES panel (id),
      referrer_id integer NOT NULL REFERENCES app_user (id),
      referrer_agency text NOT NULL,
      reason text,
      grounds jsonb NOT NULL DEFAULT '[]',
      dash_score integer CHECK (dash_score BETWEEN 0 AND 27),
      lawful_basis text NOT NULL,
      special_condition text,
      consent text NOT NULL CHECK (consent IN ('given', 'refused', 'not-sought')),
      consent_reason text,
      status text NOT NULL CHECK (status IN ('awaiting-triage', 'triaged', 'sent-to-panel', 'closed')),
      triage_due_at timestamptz,
      triaged_at timestamptz,
      triaged_by integer REFERENCES app_user (id),
      triage_decision text,
      triage_reason text,
      repeat_of integer REFERENCES referral (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (consent = 'given' OR btrim(coalesce(consent_reason, '')) <> '')
    )`,
    'CREATE INDEX referral_by_person ON referral (person_id, created_at)',
    'CREATE INDEX referral_by_status ON referral (panel_id, status, triage_due_at)',
    'CREATE INDEX referral_by_referrer ON referral (referrer_id)',
    `CREATE TABLE panel_case (
      id serial PRIMARY KEY,
      reference text NOT NULL UNIQUE,
      panel_id text NOT NULL REFERENCES panel (id),
      person_id integer REFERENCES person (id),
      referral_id integer REFERENCES referral (id),
      status text NOT NULL CHECK (status IN ('open', 'closed')),
      allocated_to integer REFERENCES app_user (id),
      summary text,
      escalated boolean NOT NULL DEFAULT false,
      opened_at timestamptz NOT NULL DEFAULT now(),
      first_heard_on date,
      review_on date,
      outcome text,
      closed_at timestamptz,
      closure_reason text,
      retain_until date,
      personal_removed_at timestamptz,
      CHECK (status = 'open' OR (closed_at IS NOT NULL AND btrim(coalesce(closure_reason, '')) <> ''))
    )`,
    'CREATE INDEX panel_case_by_panel ON panel_case (panel_id, status, review_on)',
    'CREATE INDEX panel_case_by_person ON panel_case (person_id)',
    'CREATE INDEX panel_case_by_allocated ON panel_case (allocated_to) WHERE allocated_to IS NOT NULL',
    'CREATE INDEX panel_case_retention ON panel_case (retain_until) WHERE personal_removed_at IS NULL',
    `CREATE TABLE case_link (
      id serial PRIMARY KEY,
      case_id integer NOT NULL REFERENCES panel_case (id),
      person_id integer REFERENCES person (id),
      location_entry_id integer REFERENCES register_entry (id),
      relationship text NOT NULL,
      added_by integer NOT NULL,
      added_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((person_id IS NULL) <> (location_entry_id IS NULL))
    )`,
    'CREATE INDEX case_link_by_case ON case_link (case_id)',
    `CREATE TABLE case_risk (
      id serial PRIMARY KEY,
      case_id integer NOT NULL REFERENCES panel_case (id),
      risk text NOT NULL,
      level text NOT NULL CHECK (level IN ('low', 'medium', 'high')),
      recorded_by integer NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now()
    )`,
    'CREATE INDEX case_risk_by_case ON case_risk (case_id)',
    `CREATE TABLE panel_meeting (
      id serial PRIMARY KEY,
      panel_id text NOT NULL REFERENCES panel (id),
      meets_on date NOT NULL,
      agenda_built_at timestamptz,
      created_by text NOT NULL,
      UNIQUE (panel_id, meets_on)
    )`,
    `CREATE TABLE panel_agenda_item (
      meeting_id integer NOT NULL REFERENCES panel_meeting (id),
      case_id integer NOT NULL REFERENCES panel_case (id),
      reason text NOT NULL CHECK (reason IN ('new', 'review', 'escalation')),
      position integer NOT NULL,
      PRIMARY KEY (meeting_id, case_id)
    )`,
    'CREATE INDEX panel_agenda_item_by_case ON panel_agenda_item (case_id)',
    `CREATE TABLE case_preparation (
      id serial PRIMARY KEY,
      case_id integer NOT NULL REFERENCES panel_case (id),
      meeting_id integer REFERENCES panel_meeting (id),
      agency text NOT NULL,
      content_enc text NOT NULL,
      recorded_by integer NOT NULL REFERENCES app_user (id),
      recorded_at timestamptz NOT NULL DEFAULT now()
    )`,
    'CREATE INDEX case_preparation_by_case ON case_preparation (case_id)',
    `CREATE TABLE case_action (
      id serial PRIMARY KEY,
      case_id integer NOT NULL REFERENCES panel_case (id),
      meeting_id integer REFERENCES panel_meeting (id),
      text text NOT NULL CHECK (btrim(text) <> ''),
      owner_id integer REFERENCES app_user (id),
      owner_agency text NOT NULL,
      due_on date NOT NULL,
      status text NOT NULL CHECK (status IN ('open', 'done', 'dropped')),
      created_by integer NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      completed_at timestamptz
    )`,
    'CREATE INDEX case_action_by_case ON case_action (case_id)',
    'CREATE INDEX case_action_by_owner ON case_action (owner_id, status)',
    `CREATE TABLE case_read_grant (
      id serial PRIMARY KEY,
      case_id integer NOT NULL REFERENCES panel_case (id),
      user_id integer NOT NULL REFERENCES app_user (id),
      reason text NOT NULL CHECK (length(btrim(reason)) >= 10),
      granted_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      chair_notified_at timestamptz
    )`,
    'CREATE INDEX case_read_grant_by_user ON case_read_grant (user_id, case_id, expires_at)',
    `CREATE TABLE subject_request (
      id serial PRIMARY KEY,
      person_id integer REFERENCES person (id),
      person_reference text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('access', 'rectification', 'erasure')),
      received_on date NOT NULL,
      details text NOT NULL,
      outcome text CHECK (outcome IN ('completed', 'partly-completed', 'refused')),
      outcome_reason text,
      decided_at timestamptz,
      recorded_by integer NOT NULL REFERENCES app_user (id),
      recorded_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE TABLE panel_fact (
      id serial PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('screening', 'referral', 'triage', 'heard', 'outcome')),
      occurred_on date NOT NULL,
      agency text NOT NULL,
      panel_id text,
      route text,
      outcome text,
      repeat boolean NOT NULL DEFAULT false,
      days_to_panel integer,
      age_band text NOT NULL,
      sex text NOT NULL,
      ethnicity_group text NOT NULL,
      source_token text
    )`,
    'CREATE INDEX panel_fact_by_kind ON panel_fact (kind, occurred_on)',
    'CREATE INDEX panel_fact_by_source ON panel_fact (source_token) WHERE source_token IS NOT NULL',
    `CREATE TRIGGER case_read_grant_append_only BEFORE DELETE ON case_read_grant
      FOR EACH ROW EXECUTE FUNCTION panels_refuse_change()`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    'DROP TABLE panel_fact',
    'DROP TABLE subject_request',
    'DROP TABLE case_read_grant',
    'DROP TABLE case_action',
    'DROP TABLE case_preparation',
    'DROP TABLE panel_agenda_item',
    'DROP TABLE panel_meeting',
    'DROP TABLE case_risk',
    'DROP TABLE case_link',
    'DROP TABLE panel_case',
    'DROP TABLE referral',
    'DROP TABLE screening',
    'DROP TABLE person',
    'DROP TABLE panel_member',
    'DROP TABLE panel',
    'DROP TABLE screening_tool',
    'DROP FUNCTION panels_refuse_change()',
  ]);
}
