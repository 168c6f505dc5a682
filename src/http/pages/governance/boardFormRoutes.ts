import type { FastifyInstance } from 'fastify';
import type { Actor } from '../../../auth/policy.ts';
import { type BoardInput, createBoard, updateBoard } from '../../../governance/boardStore.ts';
import { boardDetail } from '../../../governance/boardQueries.ts';
import { canManageBoards } from '../../../governance/governancePolicy.ts';
import type { Services } from '../../../services.ts';
import { notFound } from '../../errors.ts';
import { allow, parseWith, requireActor } from '../../guards.ts';
import { choices, type Form, formErrors, IdParams, type Problem, problemOf, readForm } from './governanceWords.ts';

/* A partnership manager creates a board or subgroup, or edits one: name, kind, parent, terms, chair, quorum. */

export function boardFormRoutes(services: Services) {
  async function page(boardId: number | null, values: Form, problems: readonly Problem[] = []) {
    const boards = await services.db.selectFrom('board').select(['id', 'name']).orderBy('name').execute();
    return {
      title: boardId === null ? 'Create a board' : `Edit ${values.originalName ?? values.name}`,
      boardId,
      values,
      ...formErrors(problems),
      kindItems: [
        { value: 'board', text: 'Board', checked: values.kind !== 'subgroup' },
        { value: 'subgroup', text: 'Subgroup of another board', checked: values.kind === 'subgroup' },
      ],
      parentItems: [
        { value: '', text: 'None: a top-level board' },
        ...choices(
          boards.filter((b) => b.id !== boardId).map((b) => [String(b.id), b.name] as const),
          values.parent,
        ),
      ],
    };
  }

  /** The form read into the store's input; the chair is named by e-mail. */
  async function boardInput(form: Form): Promise<BoardInput | Problem> {
    let chairUserId: number | null = null;
    if (form.chair?.trim()) {
      const user = await services.db
        .selectFrom('app_user')
        .select('id')
        .where('email', '=', form.chair.trim().toLowerCase())
        .executeTakeFirst();
      if (!user) return { id: 'board-chair', message: `There is no user with the e-mail address ${form.chair.trim()}` };
      chairUserId = user.id;
    }
    const quorum = /^\d+$/.test(form.quorum?.trim() ?? '') ? Number(form.quorum) : Number.NaN;
    return {
      name: form.name ?? '',
      kind: form.kind === 'subgroup' ? 'subgroup' : 'board',
      parentBoardId: form.parent ? Number(form.parent) : null,
      termsOfReference: form.termsOfReference ?? '',
      chairUserId,
      quorum,
      restricted: form.restricted === 'yes',
    };
  }

  async function save(
    actor: Actor,
    boardId: number | null,
    form: Form,
  ): Promise<{ id: number } | { problem: Problem }> {
    const input = await boardInput(form);
    if ('message' in input) return { problem: input };
    try {
      if (boardId === null) return { id: await createBoard(services.db, actor, input) };
      await updateBoard(services.db, actor, boardId, input);
      return { id: boardId };
    } catch (error) {
      return { problem: problemOf(error, 'board', 'name') };
    }
  }

  return async function routes(app: FastifyInstance) {
    app.get('/boards/new', async (request, reply) => {
      allow(canManageBoards(requireActor(request)));
      return reply.view('pages/governance/board-form.njk', await page(null, { quorum: '', kind: 'board' }));
    });

    app.post('/boards/new', async (request, reply) => {
      const actor = requireActor(request);
      allow(canManageBoards(actor));
      const form = readForm(request.body);
      const saved = await save(actor, null, form);
      if ('problem' in saved)
        return reply.status(400).view('pages/governance/board-form.njk', await page(null, form, [saved.problem]));
      return reply.redirect(`/boards/${saved.id}`, 303);
    });

    app.get('/boards/:id/edit', async (request, reply) => {
      allow(canManageBoards(requireActor(request)));
      const { id } = parseWith(IdParams, request.params);
      const board = await boardDetail(services.db, id);
      if (board === null) throw notFound('Board');
      const values: Form = {
        name: board.name,
        originalName: board.name,
        kind: board.kind,
        parent: board.parent ? String(board.parent.id) : '',
        termsOfReference: board.termsOfReference,
        chair: board.chair?.email ?? '',
        quorum: String(board.quorum),
        restricted: board.restricted ? 'yes' : '',
      };
      return reply.view('pages/governance/board-form.njk', await page(id, values));
    });

    app.post('/boards/:id/edit', async (request, reply) => {
      const actor = requireActor(request);
      allow(canManageBoards(actor));
      const { id } = parseWith(IdParams, request.params);
      const form = readForm(request.body);
      const saved = await save(actor, id, form);
      if ('problem' in saved)
        return reply.status(400).view('pages/governance/board-form.njk', await page(id, form, [saved.problem]));
      return reply.redirect(`/boards/${id}`, 303);
    });
  };
}
