import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { listEntries } from '../../../registers/entryQueries.ts';
import { readDate, type ValueProblem } from '../../../registers/entryValues.ts';
import type { RegisterDefinition } from '../../../registers/registerSchema.ts';
import type { Services } from '../../../services.ts';
import { parseWith, requireActor } from '../../guards.ts';
import { cachedPage, type PageView, pageView } from '../dashboard/cachedPage.ts';
import { registerValuesKey } from '../performance/registerSources.ts';
import { type FormBody, FormBody as Query, one } from './formBody.ts';
import { listPagination } from './listPagination.ts';
import { placeNames } from './pagePlaces.ts';
import { markingOf, pageErrorOf, readableRegister, RegisterParams, withArticle } from './pageRegister.ts';
import { dateWords, valueText } from './recordWords.ts';

/*
 * GET /registers/:id: the register's submitted entries, newest first, 50 a page, filtered by dates, ward, words
 * and each choice field. The rights are applied by listEntries (a reader without read rights gets the 403 page,
 * which names no entry). Filters are a GET form, so a filtered list is a link.
 */

export const PAGE_SIZE = 50;
const Page = z.coerce.number().int().min(1).max(1_000_000).catch(1);

const choiceFields = (register: RegisterDefinition) =>
  register.fields.filter((f) => f.type === 'choice' && !f.personal);

/** The filters as asked, each checked; a date that is not one is a problem and is not applied. */
function readFilters(register: RegisterDefinition, query: FormBody, wardCodes: Set<string>) {
  const problems: ValueProblem[] = [];
  const date = (name: 'from' | 'to') => {
    const text = one(query, name);
    if (text === '') return undefined;
    const iso = readDate(text);
    if (iso === null) problems.push({ field: name, message: `Enter the ${name} date as, for example, 2026-03-27` });
    return iso ?? undefined;
  };
  const ward = one(query, 'ward');
  const choices = choiceFields(register)
    .map((f) => ({ field: f.name, value: one(query, f.name) }))
    .filter((c) => c.value !== '' && register.fields.find((f) => f.name === c.field)?.vocabulary?.includes(c.value));
  return {
    filter: {
      from: date('from'),
      to: date('to'),
      ward: wardCodes.has(ward) ? ward : undefined,
      search: one(query, 'q').slice(0, 200) || undefined,
      choices,
    },
    problems,
  };
}

export function listPage(services: Services) {
  return async function routes(app: FastifyInstance) {
    // An OFFICIAL list is the same for every reader with the same rights until an entry changes: served from the
    // page cache (bench/registers: 50 readers at once). An OFFICIAL-SENSITIVE list is built for each request, so
    // each read of it is audited.
    const cached = cachedPage(services, (request) => listView(services, request), {
      alsoDependsOn: async (request) => registerValuesKey(services, requireActor(request)),
    });
    app.get('/registers/:id', async (request, reply) => {
      const { id } = parseWith(RegisterParams, request.params);
      if ((await services.registers()).get(id)?.classification !== 'restricted') return cached(request, reply);
      const view = await listView(services, request);
      return reply.status(view.status ?? 200).view(view.template, view.context);
    });
  };
}

/** The list page for one request: the entries as this reader may see them, filtered and paged. */
async function listView(services: Services, request: FastifyRequest): Promise<PageView> {
  const actor = requireActor(request);
  const { id } = parseWith(RegisterParams, request.params);
  const { register, rights } = await readableRegister(services, actor, id);
  const query = parseWith(Query, request.query ?? {});
  const places = await placeNames(services);
  const { filter, problems } = readFilters(register, query, new Set(places.wards.map((w) => w.code)));
  const page = Page.parse(one(query, 'page') || 1);
  const { entries, total } = await listEntries(
    services.db,
    actor,
    register,
    { ...filter, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE },
    services.now(),
  ).catch(pageErrorOf);
  const fields = register.listFields.map((name) => register.fields.find((f) => f.name === name));
  const dateField = register.fields.find((f) => f.name === register.dateField);
  const rows = entries.map((e) => ({
    id: e.id,
    reference: e.reference,
    date: dateField ? valueText(dateField, e.data[dateField.name]) : dateWords(e.occurredOn),
    cells: fields.map((f, i) =>
      f ? valueText(f, e.data[f.name]) : register.listFields[i] === 'place' ? places.wardName(e.wardCode) : '',
    ),
    ward: places.wardName(e.wardCode),
  }));
  return pageView(
    'pages/registers/list.njk',
    {
      title: register.name,
      errorTitle: problems.length > 0,
      register,
      marking: markingOf(register),
      addText: rights.write ? `Add ${withArticle(register.entryName)}` : null,
      manageReaders: rights.manageReaders,
      mayExport: rights.export,
      headings: [dateField?.label ?? 'Date', ...fields.map((f, i) => f?.label ?? register.listFields[i])],
      rows,
      total,
      shownFrom: total === 0 ? 0 : (page - 1) * PAGE_SIZE + 1,
      shownTo: (page - 1) * PAGE_SIZE + rows.length,
      pagination: listPagination(`/registers/${register.id}`, query, page, Math.ceil(total / PAGE_SIZE)),
      filters: {
        from: one(query, 'from'),
        to: one(query, 'to'),
        q: one(query, 'q'),
        wardItems: [
          { value: '', text: 'Any ward' },
          ...places.wards.map((w) => ({ value: w.code, text: w.name, selected: w.code === filter.ward })),
        ],
        choices: choiceFields(register).map((f) => ({
          name: f.name,
          label: f.label,
          items: [
            { value: '', text: 'Any' },
            ...(f.vocabulary ?? []).map((t) => ({ value: t, text: t, selected: one(query, f.name) === t })),
          ],
        })),
      },
      errorList: problems.map((p) => ({ text: p.message, href: `#${p.field}` })),
      errorOf: Object.fromEntries(problems.map((p) => [p.field, { text: p.message }])),
    },
    problems.length > 0 ? 400 : 200,
  );
}
