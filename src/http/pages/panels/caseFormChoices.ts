import type { FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { LOCATIONS_REGISTER } from '../../../panels/cases/caseDetails.ts';
import { rightsFor } from '../../../registers/readers.ts';
import type { Services } from '../../../services.ts';
import { requireActor } from '../../guards.ts';

/*
 * What the forms on an open case offer a member of its panel: the panel's recent meetings, its current members as
 * action owners (one query for both), and, for the location form only, the locations of concern the member may read
 * in the register. Asked only by a form's own page (caseFormPage.ts), so the case page and other readers cost none.
 */

export interface Choice {
  value: string;
  text: string;
}

export async function caseFormChoices(services: Services, request: FastifyRequest, panelId: string, form: string) {
  const [lists, locationItems] = await Promise.all([
    services.db
      .selectNoFrom((eb) => [
        jsonArrayFrom(
          eb
            .selectFrom('panel_meeting')
            .select(['id', 'meets_on'])
            .where('panel_id', '=', panelId)
            .orderBy('meets_on', 'desc')
            .limit(24),
        ).as('meetings'),
        jsonArrayFrom(
          eb
            .selectFrom('panel_member as m')
            .innerJoin('app_user as u', 'u.id', 'm.user_id')
            .select(['m.user_id', 'u.email', 'm.agency'])
            .where('m.panel_id', '=', panelId)
            .where('m.left_on', 'is', null)
            .orderBy('m.agency')
            .orderBy('u.email'),
        ).as('owners'),
      ])
      .executeTakeFirstOrThrow(),
    form === 'location' ? locationChoices(services, request) : null,
  ]);
  return {
    meetingItems: lists.meetings.map((m): Choice => ({ value: String(m.id), text: m.meets_on })),
    ownerItems: lists.owners.map((o): Choice => ({ value: String(o.user_id), text: `${o.email} (${o.agency})` })),
    locationItems,
  };
}

/** The latest 200 submitted locations of concern, or null for a member who may not read that register. */
async function locationChoices(services: Services, request: FastifyRequest): Promise<Choice[] | null> {
  const register = (await services.registers()).get(LOCATIONS_REGISTER);
  if (!register || !(await rightsFor(services.db, requireActor(request), register)).read) return null;
  const rows = await services.db
    .selectFrom('register_entry')
    .select(['id', 'reference', sql<string | null>`data ->> 'place'`.as('place')])
    .where('register_id', '=', LOCATIONS_REGISTER)
    .where('status', '=', 'submitted')
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
  return rows.map((r) => ({ value: String(r.id), text: `${r.reference ?? r.id}: ${r.place ?? ''}` }));
}
