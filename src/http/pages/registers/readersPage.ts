import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../../auth/policy.ts';
import { actorOf } from '../../../auth/users.ts';
import { rightsFor, setNamedReader } from '../../../registers/readers.ts';
import { registerRights } from '../../../registers/registerPolicy.ts';
import type { RegisterDefinition } from '../../../registers/registerSchema.ts';
import type { Services } from '../../../services.ts';
import { notFound } from '../../errors.ts';
import { parseWith, requireActor } from '../../guards.ts';
import { markingOf, pageErrorOf, RegisterParams, refused, requireNotAdministrator } from './pageRegister.ts';

/*
 * GET/POST /registers/:id/readers: a register with a named readership (community tensions) is read only by the
 * people a partnership manager names here, from the users of the service whose role and agency the register's
 * readership allows. Anyone else gets the 403 page. Each change is audited by setNamedReader.
 */

const ReaderForm = z.object({
  user: z.coerce.number().int().positive().max(2_147_483_647),
  action: z.enum(['add', 'remove']),
});

async function managedRegister(services: Services, actor: Actor, id: string): Promise<RegisterDefinition> {
  requireNotAdministrator(actor);
  const register = (await services.registers()).get(id);
  if (!register) throw notFound('Register');
  if (!register.namedReadership) throw refused(`The ${register.name} register has no named readership`);
  if (!(await rightsFor(services.db, actor, register)).manageReaders)
    throw refused(`Only a partnership manager names the readers of ${register.name}`);
  return register;
}

/** The named readers, and the users who could be named (their role and agency are in the register's readership). */
async function readersOf(services: Services, register: RegisterDefinition) {
  const users = await services.db
    .selectFrom('app_user')
    .leftJoin('register_reader as r', (j) =>
      j.onRef('r.user_id', '=', 'app_user.id').on('r.register_id', '=', register.id),
    )
    .select(['app_user.id', 'email', 'agency_code', 'role', 'r.granted_by', 'r.granted_at'])
    .where('disabled', '=', false)
    .orderBy('email')
    .execute();
  const named = users.filter((u) => u.granted_by !== null);
  const candidates = users.filter((u) => u.granted_by === null && registerRights(actorOf(u), register, true).read);
  return { named, candidates };
}

async function sendReaders(services: Services, reply: FastifyReply, register: RegisterDefinition, problem?: string) {
  const { named, candidates } = await readersOf(services, register);
  const words = (u: { email: string; role: string; agency_code: string }) =>
    `${u.email} (${u.role.replaceAll('_', ' ')}, ${u.agency_code.replaceAll('_', ' ')})`;
  return reply.status(problem ? 400 : 200).view('pages/registers/readers.njk', {
    title: `Named readers: ${register.name}`,
    register,
    marking: markingOf(register),
    named: named.map((u) => ({ id: u.id, text: words(u), grantedBy: u.granted_by, grantedAt: u.granted_at })),
    candidateItems: [
      { value: '', text: 'Choose a person' },
      ...candidates.map((u) => ({ value: String(u.id), text: words(u) })),
    ],
    errorList: problem ? [{ text: problem, href: '#user' }] : [],
    userError: problem ? { text: problem } : undefined,
  });
}

export function readersPage(services: Services) {
  return async function routes(app: FastifyInstance) {
    app.get('/registers/:id/readers', async (request, reply) => {
      const actor = requireActor(request);
      const { id } = parseWith(RegisterParams, request.params);
      return sendReaders(services, reply, await managedRegister(services, actor, id));
    });

    app.post('/registers/:id/readers', async (request, reply) => {
      const actor = requireActor(request);
      const { id } = parseWith(RegisterParams, request.params);
      const register = await managedRegister(services, actor, id);
      const form = ReaderForm.safeParse(request.body ?? {});
      if (!form.success) return sendReaders(services, reply, register, 'Choose the person to name as a reader');
      const { named, candidates } = await readersOf(services, register);
      const allowed = form.data.action === 'add' ? candidates : named;
      if (!allowed.some((u) => u.id === form.data.user))
        return sendReaders(
          services,
          reply,
          register,
          form.data.action === 'add'
            ? `That person cannot be named: their role or agency is outside the readership of ${register.name}, or they are named already`
            : 'That person is not a named reader',
        );
      await setNamedReader(
        services.db,
        actor,
        register,
        form.data.user,
        form.data.action === 'add',
        services.now(),
      ).catch(pageErrorOf);
      return reply.redirect(`/registers/${register.id}/readers`, 303);
    });
  };
}
