import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../../auth/policy.ts';
import { type EntryDetail, entryHistory, getEntry } from '../../../registers/entryQueries.ts';
import { rightsFor } from '../../../registers/readers.ts';
import type { RegisterDefinition } from '../../../registers/registerSchema.ts';
import type { Services } from '../../../services.ts';
import { notFound } from '../../errors.ts';
import { parseWith, requireActor } from '../../guards.ts';
import { placeAfter } from './formPlace.ts';
import { type PlaceNames, placeNames } from './pagePlaces.ts';
import { EntryParams, markingOf, pageErrorOf, readableRegister } from './pageRegister.ts';
import { historyOf } from './recordHistory.ts';
import { dateWords, valueText } from './recordWords.ts';

/*
 * GET /registers/:id/entries/:entryId: one entry as a summary list (labels from the description), its place in
 * words and coordinates, and every version. getEntry applies the rights: 403 for a register the reader may not
 * read, nothing (404 here) for an entry they may not see, personal fields only for the register's personal
 * readers; a read of an OFFICIAL-SENSITIVE entry is audited there.
 */

const RecordQuery = z.object({
  recorded: z.literal('1').optional().catch(undefined),
  changed: z.literal('1').optional().catch(undefined),
});

interface Row {
  key: string;
  text: string;
  links?: { href: string; text: string }[];
}

/** The entries (by reference) the reader may open, for each reference field's values. */
async function referenceLinks(services: Services, actor: Actor, register: RegisterDefinition, entry: EntryDetail) {
  const links = new Map<string, string>();
  const registers = await services.registers();
  for (const f of register.fields) {
    const refs = entry.data[f.name];
    const target = registers.get(f.register ?? '');
    if (f.type !== 'reference' || !Array.isArray(refs) || refs.length === 0 || !target) continue;
    if (!(await rightsFor(services.db, actor, target)).read) continue;
    const rows = await services.db
      .selectFrom('register_entry')
      .select(['id', 'reference'])
      .where('register_id', '=', target.id)
      .where('status', '=', 'submitted')
      .where('reference', 'in', refs)
      .execute();
    for (const r of rows) links.set(`${f.name}|${r.reference}`, `/registers/${target.id}/entries/${r.id}`);
  }
  return links;
}

function placeRows(register: RegisterDefinition, entry: EntryDetail, places: PlaceNames): Row[] {
  if (register.geometry === 'none' || register.geometry === 'wards') return [];
  const rows: Row[] = [
    { key: 'Ward', text: places.wardName(entry.wardCode) || 'Not known' },
    { key: 'LSOA', text: places.lsoaName(entry.lsoaCode) || 'Not known' },
  ];
  if (entry.lat !== null && entry.lon !== null)
    rows.push({ key: 'Coordinates', text: `${entry.lat}, ${entry.lon} (latitude, longitude)` });
  return rows;
}

function fieldRows(
  register: RegisterDefinition,
  entry: EntryDetail,
  links: Map<string, string>,
  places: PlaceNames,
): Row[] {
  const rows: Row[] = [];
  for (const f of register.fields) {
    if (f.personal && entry.personal === null) continue;
    const value = f.personal ? entry.personal?.[f.name] : entry.data[f.name];
    if (f.personal && value === undefined && entry.personalRemovedAt) {
      rows.push({
        key: f.label,
        text: `Removed on ${dateWords(entry.personalRemovedAt.toISOString())} after the retention period`,
      });
    } else if (f.type === 'reference' && Array.isArray(value)) {
      const refs = value as string[];
      rows.push({
        key: f.label,
        text: refs.filter((r) => !links.has(`${f.name}|${r}`)).join(', '),
        links: refs.flatMap((r) => {
          const href = links.get(`${f.name}|${r}`);
          return href ? [{ href, text: r }] : [];
        }),
      });
    } else if (f.type === 'wards' && Array.isArray(value)) {
      rows.push({ key: f.label, text: (value as string[]).map((w) => places.wardName(w)).join(', ') });
    } else rows.push({ key: f.label, text: valueText(f, value) || 'Not given' });
    if (f.name === placeAfter(register)) rows.push(...placeRows(register, entry, places));
  }
  return rows;
}

export function recordPage(services: Services) {
  return async function routes(app: FastifyInstance) {
    app.get('/registers/:id/entries/:entryId', async (request, reply) => {
      const actor = requireActor(request);
      const { id, entryId } = parseWith(EntryParams, request.params);
      const { register, rights } = await readableRegister(services, actor, id);
      const query = parseWith(RecordQuery, request.query ?? {});
      const entry = await getEntry(services.db, actor, register, entryId, services.now()).catch(pageErrorOf);
      if (!entry) throw notFound('Register entry');
      const [history, links, places] = await Promise.all([
        entryHistory(services.db, actor, register, entry.id),
        referenceLinks(services, actor, register, entry),
        placeNames(services),
      ]);
      return reply.view('pages/registers/record.njk', {
        title: `${entry.reference}: ${register.entryName}`,
        register,
        entry,
        marking: markingOf(register),
        banner: query.recorded ? `${entry.reference} recorded` : query.changed ? `${entry.reference} changed` : null,
        rows: fieldRows(register, entry, links, places),
        meta: [
          { key: 'Status', text: entry.status === 'draft' ? 'Draft: only you can see it' : 'Submitted' },
          { key: 'Recorded by', text: `${entry.createdByEmail} (${entry.ownerAgency.replaceAll('_', ' ')})` },
        ],
        changeHref: rights.write ? `/registers/${register.id}/entries/${entry.id}/edit` : null,
        history: historyOf(register, history).reverse(),
      });
    });
  };
}
