import type { FastifyInstance } from 'fastify';
import { rightsForAll } from '../../../registers/readers.ts';
import type { Services } from '../../../services.ts';
import { requireActor } from '../../guards.ts';
import { markingOf, requireNotAdministrator, withArticle } from './pageRegister.ts';
import { dateWords } from './recordWords.ts';

/*
 * GET /registers: the registers this reader may read, each with its marking, how many entries are submitted and
 * the latest entry's date, and the way to add one when they may write. A register they may not read is not
 * listed, except one whose counts are released to others: named, "counts only", with no link and no number here
 * (its counts go through disclosure control elsewhere).
 */

/** Submitted entries and the latest entry date per register, for the registers named only. */
async function entryCounts(services: Services, registerIds: string[]) {
  if (registerIds.length === 0) return new Map<string, { n: number; latest: string | null }>();
  const rows = await services.db
    .selectFrom('register_entry')
    .select((eb) => ['register_id', eb.fn.countAll<string>().as('n'), eb.fn.max('occurred_on').as('latest')])
    .where('register_id', 'in', registerIds)
    .where('status', '=', 'submitted')
    .groupBy('register_id')
    .execute();
  return new Map(
    rows.map((r) => [
      r.register_id,
      { n: Number(r.n), latest: r.latest === null ? null : String(r.latest).slice(0, 10) },
    ]),
  );
}

export function listRegisters(services: Services) {
  return async function routes(app: FastifyInstance) {
    app.get('/registers', async (request, reply) => {
      const actor = requireActor(request);
      requireNotAdministrator(actor);
      const all = await rightsForAll(services.db, actor, await services.registers());
      const shown = all.filter((r) => r.rights.read || r.rights.countsOnly || r.rights.manageReaders);
      const counts = await entryCounts(
        services,
        shown.filter((r) => r.rights.read).map((r) => r.register.id),
      );
      const registers = shown.map(({ register, rights }) => {
        const c = counts.get(register.id);
        return {
          id: register.id,
          name: register.name,
          description: register.description,
          marking: markingOf(register).text,
          read: rights.read,
          entries: c?.n ?? 0,
          latest: c?.latest ? dateWords(c.latest) : null,
          addText: rights.write ? `Add ${withArticle(register.entryName)}` : null,
          // A partnership manager names the readers of a register with a named readership, read or not.
          manageReaders: rights.manageReaders,
        };
      });
      return reply.view('pages/registers/index.njk', {
        title: 'Registers',
        registers,
        // Which register count the overview shows is the partnership's choice (settingRoutes.ts).
        mayChooseOverview: actor.role === 'partnership_manager',
      });
    });
  };
}
