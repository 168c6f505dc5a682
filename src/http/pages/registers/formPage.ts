import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Actor } from '../../../auth/policy.ts';
import { type EntryDetail, getEntry } from '../../../registers/entryQueries.ts';
import type { ValueProblem } from '../../../registers/entryValues.ts';
import { saveEntry } from '../../../registers/entryStore.ts';
import { RegisterEntryError } from '../../../registers/registerErrors.ts';
import type { Services } from '../../../services.ts';
import { notFound } from '../../errors.ts';
import { parseWith, requireActor } from '../../guards.ts';
import { bodyOfEntry, type FormBody, one, rawOf, readFormBody } from './formBody.ts';
import { formControls } from './formControls.ts';
import { errorsOf } from './formParts.ts';
import { placeNames } from './pagePlaces.ts';
import {
  EntryParams,
  markingOf,
  type PageRegister,
  pageErrorOf,
  readableRegister,
  RegisterParams,
  refused,
  withArticle,
} from './pageRegister.ts';

/*
 * One form for every register, new or changed: built from the description (formControls), posted as typed,
 * saved by saveEntry (all or nothing). "Submit" needs every field right; "Save as draft" keeps what could be read,
 * seen only by its author. A problem re-shows the form with the error summary and every value kept; a change to
 * a submitted entry asks why.
 */

async function writableRegister(services: Services, actor: Actor, id: string): Promise<PageRegister> {
  const page = await readableRegister(services, actor, id);
  if (!page.rights.write) throw refused(`You may not add to or change the ${page.register.name} register`);
  return page;
}

interface FormState {
  body: FormBody;
  problems?: readonly ValueProblem[];
  entry?: EntryDetail;
}

async function sendForm(services: Services, reply: FastifyReply, page: PageRegister, state: FormState) {
  const { register, rights } = page;
  const problems = state.problems ?? [];
  const entry = state.entry;
  const base = `/registers/${register.id}`;
  const title = !entry
    ? `Record ${withArticle(register.entryName)}`
    : entry.status === 'draft'
      ? `Continue ${withArticle(register.entryName)}: draft ${entry.reference}`
      : `Change ${entry.reference}`;
  const { errorList, errorOf } = errorsOf(register, problems);
  return reply.status(problems.length > 0 ? 400 : 200).view('pages/registers/form.njk', {
    title,
    errorTitle: problems.length > 0,
    register,
    marking: markingOf(register),
    backHref: entry?.status === 'submitted' ? `${base}/entries/${entry.id}` : base,
    action: entry ? `${base}/entries/${entry.id}/edit` : `${base}/new`,
    controls: formControls(register, state.body, problems, await placeNames(services), rights.readPersonal),
    askReason: entry?.status === 'submitted',
    reason: one(state.body, 'reason'),
    reasonError: errorOf('reason'),
    errorList,
  });
}

/** The entry the reader may change: 404 when there is none they may see (another's draft). */
async function changeableEntry(services: Services, actor: Actor, page: PageRegister, entryId: number) {
  const entry = await getEntry(services.db, actor, page.register, entryId, services.now()).catch(pageErrorOf);
  if (!entry) throw notFound('Register entry');
  return entry;
}

async function save(
  services: Services,
  reply: FastifyReply,
  actor: Actor,
  page: PageRegister,
  body: FormBody,
  entry?: EntryDetail,
) {
  const submit = one(body, 'action') === 'submit' || entry?.status === 'submitted';
  const raw = rawOf(page.register, body, page.rights.readPersonal);
  try {
    const saved = await saveEntry(services.db, await services.registerContext(), actor, page.register.id, raw, {
      entryId: entry?.id,
      submit,
      reason: one(body, 'reason'),
    });
    const base = `/registers/${page.register.id}`;
    if (saved.status === 'draft') return reply.redirect(`${base}/drafts?saved=${saved.id}`, 303);
    return reply.redirect(`${base}/entries/${saved.id}?${entry ? 'changed' : 'recorded'}=1`, 303);
  } catch (error) {
    if (error instanceof RegisterEntryError && error.problems.length > 0)
      return sendForm(services, reply, page, { body, problems: error.problems, entry });
    return pageErrorOf(error);
  }
}

export function formPage(services: Services) {
  return async function routes(app: FastifyInstance) {
    app.get('/registers/:id/new', async (request, reply) => {
      const actor = requireActor(request);
      const { id } = parseWith(RegisterParams, request.params);
      return sendForm(services, reply, await writableRegister(services, actor, id), { body: {} });
    });

    app.post('/registers/:id/new', async (request, reply) => {
      const actor = requireActor(request);
      const { id } = parseWith(RegisterParams, request.params);
      const page = await writableRegister(services, actor, id);
      return save(services, reply, actor, page, readFormBody(request.body));
    });

    app.get('/registers/:id/entries/:entryId/edit', async (request, reply) => {
      const actor = requireActor(request);
      const { id, entryId } = parseWith(EntryParams, request.params);
      const page = await writableRegister(services, actor, id);
      const entry = await changeableEntry(services, actor, page, entryId);
      return sendForm(services, reply, page, { body: bodyOfEntry(page.register, entry), entry });
    });

    app.post('/registers/:id/entries/:entryId/edit', async (request, reply) => {
      const actor = requireActor(request);
      const { id, entryId } = parseWith(EntryParams, request.params);
      const page = await writableRegister(services, actor, id);
      const entry = await changeableEntry(services, actor, page, entryId);
      return save(services, reply, actor, page, readFormBody(request.body), entry);
    });
  };
}
