import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../../auth/policy.ts';
import { MAX_EVIDENCE_FILE_BYTES } from '../../../delivery/evidence.ts';
import { evidenceFile } from '../../../delivery/evidenceQueries.ts';
import { itemDetail } from '../../../delivery/itemQueries.ts';
import { addItemUpdate, assignItem, setItemStatus } from '../../../delivery/planStore.ts';
import type { Services } from '../../../services.ts';
import { csrfRejected, tokensMatch } from '../../csrf.ts';
import { badRequest, notFound } from '../../errors.ts';
import { parseWith, requireActor } from '../../guards.ts';
import { dateOf, problemOf, requirePlanRule } from './deliveryWords.ts';
import { type ItemFormState, itemView } from './itemView.ts';

const ItemParams = z.object({
  id: z.coerce.number().int().positive().max(2_147_483_647),
  itemId: z.coerce.number().int().positive().max(2_147_483_647),
});
const EvidenceParams = ItemParams.extend({ evidenceId: z.coerce.number().int().positive().max(2_147_483_647) });

type Body = Record<string, unknown>;
const text = (body: Body, key: string, max = 4000) => String(body[key] ?? '').slice(0, max);

/** The item, for someone who may read plans; 404 when the plan holds no such item. */
async function readableItem(services: Services, actor: Actor, planId: number, itemId: number) {
  requirePlanRule(actor, 'read');
  const detail = await itemDetail(services.db, planId, itemId);
  if (!detail) throw notFound('Plan item');
  return detail;
}

async function sendItemPage(
  services: Services,
  reply: FastifyReply,
  actor: Actor,
  planId: number,
  itemId: number,
  state: ItemFormState = {},
) {
  const detail = await readableItem(services, actor, planId, itemId);
  const agencies = await services.db.selectFrom('agency').select(['code', 'name']).orderBy('name').execute();
  return reply
    .status(state.status ?? 200)
    .view('pages/delivery/item.njk', itemView(actor, planId, detail, agencies, state));
}

/**
 * Runs a store change: a rule's refusal is the 403 page; a problem with the form re-renders the page with what
 * was typed and the problem linked to its field (nothing was saved: the store writes all or nothing).
 */
async function orItemPage(
  services: Services,
  reply: FastifyReply,
  actor: Actor,
  ids: { id: number; itemId: number },
  state: ItemFormState,
  change: () => Promise<unknown>,
) {
  try {
    await change();
  } catch (error) {
    const problem = problemOf(error);
    return sendItemPage(services, reply, actor, ids.id, ids.itemId, { ...state, problems: [problem], status: 400 });
  }
  return reply.redirect(`/plans/${ids.id}/items/${ids.itemId}`, 303);
}

/** The update form's fields and file from a multipart post; the CSRF token must come before the file. */
async function readUpdateForm(request: FastifyRequest) {
  if (!request.isMultipart()) throw badRequest('Send the update as multipart/form-data');
  const body: Body = {};
  let csrfOk = false;
  let file: { fileName: string; content: Buffer } | null = null;
  let tooLarge = false;
  const parts = request.parts({
    limits: { fileSize: MAX_EVIDENCE_FILE_BYTES, files: 1, fields: 10, fieldSize: 20_000 },
  });
  // A file over the limit is an error from the part or from the stream after it: either way, the file field's problem.
  try {
    for await (const part of parts) {
      if (part.type === 'field') {
        if (part.fieldname === '_csrf') csrfOk = tokensMatch(request.csrfToken, part.value);
        else body[part.fieldname] = String(part.value ?? '');
        continue;
      }
      if (!csrfOk) throw csrfRejected();
      const content = await part.toBuffer();
      if (part.filename && content.length > 0) file = { fileName: part.filename, content };
    }
  } catch (error) {
    if ((error as { code?: string }).code !== 'FST_REQ_FILE_TOO_LARGE') throw error;
    tooLarge = true;
  }
  if (!csrfOk) throw csrfRejected();
  return { body, file, tooLarge };
}

/** One item: its wording and history, and the forms the rules allow this person. */
export function itemPage(services: Services) {
  return async function routes(app: FastifyInstance) {
    app.get('/plans/:id/items/:itemId', async (request, reply) => {
      const actor = requireActor(request);
      const { id, itemId } = parseWith(ItemParams, request.params);
      return sendItemPage(services, reply, actor, id, itemId);
    });

    app.post('/plans/:id/items/:itemId/status', async (request, reply) => {
      const actor = requireActor(request);
      const ids = parseWith(ItemParams, request.params);
      const detail = await readableItem(services, actor, ids.id, ids.itemId);
      requirePlanRule(actor, 'status', { ownerAgency: detail.item.ownerAgency });
      const body = (request.body ?? {}) as Body;
      const change = { status: text(body, 'status', 40), reason: text(body, 'reason') };
      return orItemPage(services, reply, actor, ids, { statusForm: change }, () =>
        setItemStatus(services.db, actor, ids.itemId, change),
      );
    });

    app.post('/plans/:id/items/:itemId/updates', async (request, reply) => {
      const actor = requireActor(request);
      const ids = parseWith(ItemParams, request.params);
      const detail = await readableItem(services, actor, ids.id, ids.itemId);
      requirePlanRule(actor, 'update', { ownerAgency: detail.item.ownerAgency });
      const { body, file, tooLarge } = await readUpdateForm(request);
      const onDate = dateOf(body, 'onDate');
      const typed = { body: text(body, 'body'), links: text(body, 'links'), date: body };
      const fail = (field: string, message: string) =>
        sendItemPage(services, reply, actor, ids.id, ids.itemId, {
          update: typed,
          problems: [{ field, message }],
          status: 400,
        });
      if (tooLarge) return fail('file', `The file must be smaller than ${MAX_EVIDENCE_FILE_BYTES / 1024 / 1024} MB`);
      if (onDate === '' || onDate === null)
        return fail('onDate', 'Enter the date of the update as day, month and year');
      return orItemPage(services, reply, actor, ids, { update: typed }, () =>
        addItemUpdate(services.db, actor, ids.itemId, {
          body: typed.body,
          onDate,
          links: typed.links.split(/\r?\n/),
          files: file ? [file] : [],
        }),
      );
    });

    app.post('/plans/:id/items/:itemId/assign', async (request, reply) => {
      const actor = requireActor(request);
      const ids = parseWith(ItemParams, request.params);
      await readableItem(services, actor, ids.id, ids.itemId);
      requirePlanRule(actor, 'assign');
      const body = (request.body ?? {}) as Body;
      const dueOn = dateOf(body, 'dueOn');
      const owner = {
        person: text(body, 'person', 200).trim() || null,
        agency: text(body, 'agency', 40).trim() || null,
        dueOn: dueOn === '' ? null : dueOn,
      };
      const state = { assign: { person: owner.person ?? '', agency: owner.agency ?? '', date: body } };
      if (dueOn === null)
        return sendItemPage(services, reply, actor, ids.id, ids.itemId, {
          ...state,
          problems: [{ field: 'dueOn', message: 'Enter the due date as day, month and year, or leave it empty' }],
          status: 400,
        });
      return orItemPage(services, reply, actor, ids, state, () =>
        assignItem(services.db, actor, ids.itemId, { ...owner, dueOn: owner.dueOn }),
      );
    });

    // Served as a download, never shown inline: a file is evidence to keep, not a page of Safer's.
    app.get('/plans/:id/items/:itemId/evidence/:evidenceId', async (request, reply) => {
      const actor = requireActor(request);
      const { id, itemId, evidenceId } = parseWith(EvidenceParams, request.params);
      requirePlanRule(actor, 'read');
      const file = await evidenceFile(services.db, id, itemId, evidenceId);
      if (!file) throw notFound('Evidence file');
      return reply
        .header('Content-Disposition', `attachment; filename="${file.fileName}"`)
        .header('X-Content-Type-Options', 'nosniff')
        .header('Cache-Control', 'private, no-store')
        .type(file.mediaType)
        .send(file.content);
    });
  };
}
