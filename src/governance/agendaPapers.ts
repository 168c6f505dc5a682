import type { Kysely } from 'kysely';
import type { Actor } from '../auth/policy.ts';
import type { DB } from '../db/schema.ts';
import { refuseUnlessAgendaKeeper } from './agenda.ts';
import { invalid, missing } from './governanceError.ts';
import { recordGovernanceAudit } from './governanceAudit.ts';

/*
 * Papers for agenda items: a link (the partnership's document store, a published report's page) attached to one item
 * of a built agenda by whoever keeps the board's agendas. Safer keeps the link, not the document, so a paper's own
 * access rules still apply when a member opens it. An empty link removes the paper.
 */

const MAX_URL = 500;

/** The link as stored, or the reason it cannot be (naming the field `paperUrl`). */
export function paperLink(text: string): string | null {
  const url = text.trim();
  if (url === '') return null;
  if (url.length > MAX_URL) throw invalid(`Enter a link of at most ${MAX_URL} characters`, 'paperUrl');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalid('Enter the paper as a full link, starting https://', 'paperUrl');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    throw invalid('Enter the paper as a full link, starting https://', 'paperUrl');
  if (parsed.username !== '' || parsed.password !== '')
    throw invalid('Enter the link without a user name or password in it', 'paperUrl');
  return parsed.toString();
}

export async function attachPaper(
  db: Kysely<DB>,
  actor: Actor,
  meetingId: number,
  position: number,
  text: string,
): Promise<string | null> {
  const url = paperLink(text);
  return db.transaction().execute(async (trx) => {
    await refuseUnlessAgendaKeeper(trx, actor, meetingId);
    const item = await trx
      .updateTable('meeting_agenda_item')
      .set({ paper_url: url })
      .where('meeting_id', '=', meetingId)
      .where('position', '=', position)
      .returning(['title'])
      .executeTakeFirst();
    if (!item) throw missing(`The agenda has no item ${position}`);
    await recordGovernanceAudit(
      trx,
      actor,
      'meeting.agenda.paper',
      { type: 'meeting', id: meetingId },
      { position, title: item.title, paperUrl: url },
    );
    return url;
  });
}
