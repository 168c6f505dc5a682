import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { PanelFactKind } from '../../db/tables/panels.ts';
import type { KeyRing } from '../crypto/keyRing.ts';

/*
 * The anonymous counts (issue 21): one row per event (a screening, a referral, a triage decision, a case first
 * heard, an outcome) with only coarse dimensions. They feed the indicators and outlive retention. A fact points at
 * what it counts only through `source_token`, an HMAC under the key held outside the database, so the table alone
 * never links an ethnic group to a case; retention clears the token.
 */

export interface Fact {
  kind: PanelFactKind;
  occurredOn: string;
  agency: string;
  panelId?: string | null;
  route?: string | null;
  outcome?: string | null;
  repeat?: boolean;
  daysToPanel?: number | null;
  ageBand: string;
  sex: string;
  ethnicityGroup: string;
  /** e.g. "referral:12" or "case:7"; stored only as its token. */
  source: string | null;
}

export const sourceToken = (ring: KeyRing, source: string): string => ring.token(source);

export async function recordFact(trx: Kysely<DB>, ring: KeyRing, f: Fact): Promise<void> {
  await trx
    .insertInto('panel_fact')
    .values({
      kind: f.kind,
      occurred_on: f.occurredOn,
      agency: f.agency,
      panel_id: f.panelId ?? null,
      route: f.route ?? null,
      outcome: f.outcome ?? null,
      repeat: f.repeat ?? false,
      days_to_panel: f.daysToPanel ?? null,
      age_band: f.ageBand,
      sex: f.sex,
      ethnicity_group: f.ethnicityGroup,
      source_token: f.source === null ? null : sourceToken(ring, f.source),
    })
    .execute();
}
