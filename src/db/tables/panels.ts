import type { ColumnType, Generated } from 'kysely';

/* Screening, referrals, panels and cases (migration 0027). Special category content is only ever ciphertext here
   (`*_enc`, src/panels/crypto); `panel_fact` is the anonymous counts that outlive retention. */

type SetOnce<T> = ColumnType<T, T | undefined, never>;
type WrittenAt = ColumnType<Date, Date | string | undefined, never>;
type Stamp = ColumnType<Date, Date | string | undefined, Date | string>;
type StampOrNull = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** 'YYYY-MM-DD' in and out (the pg/PGlite date parsers are set to return text). */
type Day = ColumnType<string, string, string>;
type DayOrNull = ColumnType<string | null, string | null | undefined, string | null>;
/** jsonb: written as JSON text, read back parsed. */
type Json = ColumnType<unknown, string, string>;

export type RiskLevel = 'low' | 'medium' | 'high';
export type ScreeningRoute = 'advice' | 'early-help' | 'mash' | 'panel';
export type PanelKind = 'mash' | 'mace' | 'marac' | 'iom' | 'custom';
export type PanelRole = 'chair' | 'coordinator' | 'member';
export type Consent = 'given' | 'refused' | 'not-sought';
export type ReferralStatus = 'awaiting-triage' | 'triaged' | 'sent-to-panel' | 'closed';
export type AgendaReason = 'new' | 'review' | 'escalation';
export type CaseActionStatus = 'open' | 'done' | 'dropped';
export type SubjectRequestKind = 'access' | 'rectification' | 'erasure';
export type SubjectRequestOutcome = 'completed' | 'partly-completed' | 'refused';
export type PanelFactKind = 'screening' | 'referral' | 'triage' | 'heard' | 'outcome';
export type PersonSex = 'female' | 'male' | 'not-known';

export interface ScreeningToolTable {
  id: string;
  version: number;
  title: string;
  definition: Json;
  loaded_at: WrittenAt;
}

export interface PanelTable {
  id: string;
  version: number;
  name: string;
  kind: PanelKind;
  definition: Json;
  loaded_at: Stamp;
}

export interface PanelMemberTable {
  id: Generated<number>;
  panel_id: string;
  user_id: number;
  agency: string;
  role: PanelRole;
  joined_on: ColumnType<string, string | undefined, string>;
  left_on: DayOrNull;
  added_by: string;
}

/** The minimum identifying data; `special_enc` is AES-256-GCM ciphertext of the special category fields. */
export interface PersonTable {
  id: Generated<number>;
  reference: SetOnce<string>;
  given_name: string;
  family_name: string;
  date_of_birth: Day;
  sex: PersonSex;
  /** Normalised name + date of birth, for repeat referrals (src/panels/people/matchKey.ts). */
  match_key: string;
  special_enc: string | null;
  created_by: SetOnce<number>;
  created_at: WrittenAt;
  updated_at: Stamp;
}

export interface ScreeningTable {
  id: Generated<number>;
  tool_id: string;
  tool_version: number;
  agency: string;
  setting: string;
  completed_by: number;
  completed_by_email: string;
  answers: Json;
  score: number;
  level: RiskLevel;
  reasons: Json;
  recommended_route: ScreeningRoute;
  confirmed_route: ScreeningRoute;
  override_reason: string | null;
  age_band: string;
  sex: string;
  identified: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: WrittenAt;
}

export interface ReferralTable {
  id: Generated<number>;
  reference: SetOnce<string>;
  screening_id: number | null;
  person_id: number | null;
  /** The panel that triages it: the MASH, or a panel referred to directly. */
  panel_id: string;
  referrer_id: number;
  referrer_agency: string;
  reason: string | null;
  /** The referral criteria met, e.g. ["dash", "repeat"] for MARAC (the panel definition's criteria ids). */
  grounds: ColumnType<unknown, string | undefined, string>;
  dash_score: number | null;
  /** UK GDPR article 6 basis (src/panels/referrals/lawfulBasis.ts). */
  lawful_basis: string;
  /** Article 9 with its DPA 2018 schedule 1 condition, when special category data is shared. */
  special_condition: string | null;
  consent: Consent;
  consent_reason: string | null;
  status: ReferralStatus;
  triage_due_at: StampOrNull;
  triaged_at: StampOrNull;
  triaged_by: number | null;
  triage_decision: string | null;
  triage_reason: string | null;
  repeat_of: number | null;
  created_at: WrittenAt;
}

export interface PanelCaseTable {
  id: Generated<number>;
  reference: SetOnce<string>;
  panel_id: string;
  person_id: number | null;
  referral_id: number | null;
  status: 'open' | 'closed';
  allocated_to: number | null;
  summary: string | null;
  escalated: ColumnType<boolean, boolean | undefined, boolean>;
  opened_at: WrittenAt;
  first_heard_on: DayOrNull;
  review_on: DayOrNull;
  outcome: string | null;
  closed_at: StampOrNull;
  closure_reason: string | null;
  retain_until: DayOrNull;
  personal_removed_at: StampOrNull;
}

export interface CaseLinkTable {
  id: Generated<number>;
  case_id: number;
  person_id: number | null;
  location_entry_id: number | null;
  relationship: string;
  added_by: number;
  added_at: WrittenAt;
}

export interface CaseRiskTable {
  id: Generated<number>;
  case_id: number;
  risk: string;
  level: RiskLevel;
  recorded_by: number;
  recorded_at: WrittenAt;
}

export interface PanelMeetingTable {
  id: Generated<number>;
  panel_id: string;
  meets_on: Day;
  agenda_built_at: StampOrNull;
  created_by: string;
}

export interface PanelAgendaItemTable {
  meeting_id: number;
  case_id: number;
  reason: AgendaReason;
  position: number;
}

/** What one member agency holds on a case, for the panel only; ciphertext. */
export interface CasePreparationTable {
  id: Generated<number>;
  case_id: number;
  meeting_id: number | null;
  agency: string;
  content_enc: string;
  recorded_by: number;
  recorded_at: WrittenAt;
}

export interface CaseActionTable {
  id: Generated<number>;
  case_id: number;
  meeting_id: number | null;
  text: string;
  owner_id: number | null;
  owner_agency: string;
  due_on: Day;
  status: CaseActionStatus;
  created_by: number;
  created_at: WrittenAt;
  completed_at: StampOrNull;
}

/** A break-glass read: who, which case, why, until when; reported to the panel's chair. Never deleted. */
export interface CaseReadGrantTable {
  id: Generated<number>;
  case_id: number;
  user_id: number;
  reason: string;
  granted_at: WrittenAt;
  expires_at: ColumnType<Date, Date | string, never>;
  chair_notified_at: StampOrNull;
}

export interface SubjectRequestTable {
  id: Generated<number>;
  person_id: number | null;
  person_reference: string;
  kind: SubjectRequestKind;
  received_on: Day;
  details: string;
  outcome: SubjectRequestOutcome | null;
  outcome_reason: string | null;
  decided_at: StampOrNull;
  recorded_by: number;
  recorded_at: WrittenAt;
}

/** One anonymous event behind the panel indicators; `source_token` is an HMAC, cleared by retention. */
export interface PanelFactTable {
  id: Generated<number>;
  kind: PanelFactKind;
  occurred_on: Day;
  agency: string;
  panel_id: string | null;
  route: string | null;
  outcome: string | null;
  repeat: ColumnType<boolean, boolean | undefined, boolean>;
  days_to_panel: number | null;
  age_band: string;
  sex: string;
  ethnicity_group: string;
  source_token: string | null;
}

export interface PanelTables {
  screening_tool: ScreeningToolTable;
  panel: PanelTable;
  panel_member: PanelMemberTable;
  person: PersonTable;
  screening: ScreeningTable;
  referral: ReferralTable;
  panel_case: PanelCaseTable;
  case_link: CaseLinkTable;
  case_risk: CaseRiskTable;
  panel_meeting: PanelMeetingTable;
  panel_agenda_item: PanelAgendaItemTable;
  case_preparation: CasePreparationTable;
  case_action: CaseActionTable;
  case_read_grant: CaseReadGrantTable;
  subject_request: SubjectRequestTable;
  panel_fact: PanelFactTable;
}
