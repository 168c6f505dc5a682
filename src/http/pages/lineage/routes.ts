import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../../auth/policy.ts';
import { canLink, canReadLineage, checkRef, isLineageKind, type NodeRef } from '../../../lineage/kinds.ts';
import { LineageError } from '../../../lineage/lineageError.ts';
import { addLink, removeLink } from '../../../lineage/linkStore.ts';
import type { Services } from '../../../services.ts';
import { forbidden, notFound } from '../../errors.ts';
import { cachedPage, pageView } from '../dashboard/cachedPage.ts';
import { personalPageKey } from '../delivery/personalPageKey.ts';
import { allow, parseWith, requireActor } from '../../guards.ts';
import { gapsPage } from './gapsPage.ts';
import { EMPTY_FORM, type LinkForm, nodePage } from './nodePage.ts';

/*
 * The thread from a finding to a decision (issue 19): /lineage/:kind/:ref shows a node with everything upstream and
 * downstream and, for analysts and partnership managers, forms to add and remove links; /lineage/gaps lists what
 * has no follow-up. Plain forms with CSRF, no JavaScript; every change through the link store (audited).
 */

const NodeParams = z.object({ kind: z.string().max(20), ref: z.string().max(200) });
const RemoveParams = NodeParams.extend({ linkId: z.coerce.number().int().positive().max(2_147_483_647) });

function readerOf(request: FastifyRequest): Actor {
  const actor = requireActor(request);
  if (!canReadLineage(actor)) throw forbidden();
  return actor;
}

/** The node a URL names; anything that is not one is a page that does not exist. */
function nodeOf(params: { kind: string; ref: string }): NodeRef {
  if (!isLineageKind(params.kind)) throw notFound();
  try {
    return checkRef(params.kind, params.ref);
  } catch (error) {
    if (error instanceof LineageError) throw notFound();
    throw error;
  }
}

const field = (body: unknown, name: string): string => {
  const v = (body as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v.slice(0, 2000) : '';
};

/** The other end of the link the form names: the chosen recent item, else the kind and reference typed. */
function otherEnd(form: LinkForm): NodeRef {
  const [kind, ...rest] = form.choice ? form.choice.split(':') : [form.kind, form.ref];
  const ref = rest.join(':').trim();
  if (!kind || !isLineageKind(kind)) throw new LineageError('BAD_REF', 'Choose what kind of item to link');
  if (ref === '') throw new LineageError('BAD_REF', 'Choose an item from the list, or give its reference');
  return checkRef(kind, ref);
}

export function lineageRoutes(services: Services) {
  return async function routes(app: FastifyInstance) {
    app.get('/lineage/gaps', async (request, reply) => {
      readerOf(request);
      return reply.view('pages/lineage/gaps.njk', await gapsPage(services));
    });

    // Served from the page cache until something in the thread changes (personalPageKey): a thread is many
    // queries and a long page, and a board meeting's worth of people open the same few.
    app.get(
      '/lineage/:kind/:ref',
      cachedPage(
        services,
        async (request) => {
          const actor = readerOf(request);
          const node = nodeOf(parseWith(NodeParams, request.params));
          return pageView('pages/lineage/node.njk', await nodePage(services, request, actor, node));
        },
        { alsoDependsOn: personalPageKey(services) },
      ),
    );

    app.post('/lineage/:kind/:ref/links', async (request, reply) => {
      const actor = readerOf(request);
      allow(canLink(actor));
      const node = nodeOf(parseWith(NodeParams, request.params));
      const form: LinkForm = {
        direction: field(request.body, 'direction') === 'from' ? 'from' : 'to',
        choice: field(request.body, 'choice'),
        kind: field(request.body, 'kind') || EMPTY_FORM.kind,
        ref: field(request.body, 'ref'),
        note: field(request.body, 'note'),
      };
      try {
        const other = otherEnd(form);
        const [from, to] = form.direction === 'from' ? [other, node] : [node, other];
        await addLink(services.db, actor, { from, to, note: form.note });
      } catch (error) {
        if (!(error instanceof LineageError)) throw error;
        const message = error.message.charAt(0).toUpperCase() + error.message.slice(1);
        const at = form.choice ? 'choice' : 'ref';
        return reply
          .status(400)
          .view(
            'pages/lineage/node.njk',
            await nodePage(services, request, actor, node, form, [{ field: at, message }]),
          );
      }
      return reply.redirect(`${request.url.replace(/\/links$/, '')}#links`, 303);
    });

    app.post('/lineage/:kind/:ref/links/:linkId/remove', async (request, reply) => {
      const actor = readerOf(request);
      allow(canLink(actor));
      const params = parseWith(RemoveParams, request.params);
      const node = nodeOf(params);
      try {
        await removeLink(services.db, actor, params.linkId, field(request.body, 'reason'));
      } catch (error) {
        if (!(error instanceof LineageError)) throw error;
        const message = error.message.charAt(0).toUpperCase() + error.message.slice(1);
        return reply
          .status(400)
          .view(
            'pages/lineage/node.njk',
            await nodePage(services, request, actor, node, EMPTY_FORM, [{ field: `reason-${params.linkId}`, message }]),
          );
      }
      return reply.redirect(`${request.url.replace(/\/links\/[0-9]+\/remove$/, '')}#links`, 303);
    });
  };
}
