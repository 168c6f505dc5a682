import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { listEntries } from '../../../registers/entryQueries.ts';
import type { Services } from '../../../services.ts';
import { parseWith, requireActor } from '../../guards.ts';
import { markingOf, pageErrorOf, readableRegister, RegisterParams } from './pageRegister.ts';
import { dateWords } from './recordWords.ts';

/*
 * GET /registers/:id/drafts: the reader's own drafts of this register (nobody else's: listEntries keeps drafts to
 * their author), each with a "Continue" link back to the form; after "Save as draft", the draft saved is named.
 */

const DraftsQuery = z.object({
  saved: z.coerce.number().int().positive().max(2_147_483_647).optional().catch(undefined),
});
const MAX_DRAFTS = 200;

export function draftsPage(services: Services) {
  return async function routes(app: FastifyInstance) {
    app.get('/registers/:id/drafts', async (request, reply) => {
      const actor = requireActor(request);
      const { id } = parseWith(RegisterParams, request.params);
      const { register, rights } = await readableRegister(services, actor, id);
      const { saved } = parseWith(DraftsQuery, request.query ?? {});
      const { entries } = await listEntries(
        services.db,
        actor,
        register,
        { drafts: true, limit: MAX_DRAFTS },
        services.now(),
      ).catch(pageErrorOf);
      return reply.view('pages/registers/drafts.njk', {
        title: `Your drafts: ${register.name}`,
        register,
        marking: markingOf(register),
        mayWrite: rights.write,
        savedReference: entries.find((e) => e.id === saved)?.reference ?? null,
        drafts: entries.map((e) => ({
          id: e.id,
          reference: e.reference,
          date: e.occurredOn ? dateWords(e.occurredOn) : 'No date yet',
          savedAt: e.updatedAt,
        })),
      });
    });
  };
}
