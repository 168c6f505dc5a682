import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../../auth/policy.ts';
import { type EntryDetail, type EntrySummary, getEntry, listEntries } from '../../../registers/entryQueries.ts';
import { rightsFor, rightsForAll } from '../../../registers/readers.ts';
import { marking } from '../../../registers/registerPolicy.ts';
import type { RegisterDefinition } from '../../../registers/registerSchema.ts';
import type { Services } from '../../../services.ts';
import { notFound } from '../../errors.ts';
import { allow, parseWith, requireToken } from '../../guards.ts';

/*
 * GET /api/v1/registers, /registers/{id}/entries and /registers/{id}/entries/{entryId}: the registers the token's
 * holder may read and their entries, through the same rights and queries as the pages (deny by default: a register
 * they may not read is a 403 with no data; OFFICIAL-SENSITIVE reads are audited by entryQueries). Personal fields
 * appear only for the register's personal readers.
 */

export const ENTRIES_PAGE_SIZE = 50;

const RegisterParams = z.object({ id: z.string().max(80) });
const EntryParams = RegisterParams.extend({ entryId: z.coerce.number().int().positive().max(2_147_483_647) });
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'give a date as YYYY-MM-DD');
const EntriesQuery = z
  .object({
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    ward: z
      .string()
      .trim()
      .regex(/^[A-Za-z]\d{8}$/, 'give a ward code, e.g. E05009333')
      .transform((s) => s.toUpperCase())
      .optional(),
    q: z.string().trim().max(200).optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
  })
  .strict();

export function presentRegister(register: RegisterDefinition) {
  return {
    id: register.id,
    name: register.name,
    entryName: register.entryName,
    description: register.description,
    classification: register.classification,
    marking: marking(register),
    geometry: register.geometry,
    dateField: register.dateField,
    fields: register.fields.map((f) => ({
      name: f.name,
      label: f.label,
      type: f.type,
      required: f.required,
      personal: f.personal,
      ...(f.vocabulary ? { vocabulary: f.vocabulary } : {}),
      ...(f.register ? { register: f.register, multiple: f.multiple } : {}),
    })),
  };
}

function presentEntry(e: EntrySummary, personal: unknown | undefined) {
  return {
    id: e.id,
    reference: e.reference,
    occurredOn: e.occurredOn,
    place: { latitude: e.lat, longitude: e.lon, lsoa: e.lsoaCode, ward: e.wardCode },
    data: e.data,
    ...(personal === undefined ? {} : { personal }),
    ownerAgency: e.ownerAgency,
    updatedAt: new Date(e.updatedAt).toISOString(),
  };
}

export function registerApiRoutes(services: Services) {
  /** The register, once the token holder may read it: unknown is a 404, unreadable a 403 (nothing said of it). */
  const readable = async (actor: Actor, id: string) => {
    const register = (await services.registers()).get(id);
    if (!register) throw notFound(`Register "${id}"`);
    const rights = await rightsFor(services.db, actor, register);
    allow(rights.read);
    return { register, rights };
  };

  return async function routes(app: FastifyInstance) {
    app.get('/registers', async (request) => {
      const actor = requireToken(request, 'read');
      const all = await rightsForAll(services.db, actor, await services.registers());
      return {
        registers: all
          .filter((r) => r.rights.read)
          .map((r) => ({
            ...presentRegister(r.register),
            rights: { write: r.rights.write, readPersonal: r.rights.readPersonal, export: r.rights.export },
          })),
      };
    });

    app.get('/registers/:id/entries', async (request) => {
      const actor = requireToken(request, 'read');
      const { id } = parseWith(RegisterParams, request.params);
      const query = parseWith(EntriesQuery, request.query ?? {});
      const { register, rights } = await readable(actor, id);
      const { entries, total } = await listEntries(
        services.db,
        actor,
        register,
        {
          from: query.from,
          to: query.to,
          ward: query.ward,
          search: query.q,
          limit: ENTRIES_PAGE_SIZE,
          offset: (query.page - 1) * ENTRIES_PAGE_SIZE,
        },
        services.now(),
      );
      const personal = rights.readPersonal ? await personalOf(services, entries) : undefined;
      return {
        register: register.id,
        marking: marking(register),
        page: query.page,
        pageSize: ENTRIES_PAGE_SIZE,
        total,
        entries: entries.map((e) => presentEntry(e, personal === undefined ? undefined : (personal.get(e.id) ?? {}))),
      };
    });

    app.get('/registers/:id/entries/:entryId', async (request) => {
      const actor = requireToken(request, 'read');
      const { id, entryId } = parseWith(EntryParams, request.params);
      const { register } = await readable(actor, id);
      const entry: EntryDetail | null = await getEntry(services.db, actor, register, entryId, services.now());
      if (!entry) throw notFound(`Entry ${entryId} of ${register.name}`);
      return {
        register: register.id,
        marking: marking(register),
        ...presentEntry(entry, entry.personal ?? undefined),
        personalRemovedAt: entry.personalRemovedAt ? new Date(entry.personalRemovedAt).toISOString() : null,
        version: entry.version,
        createdBy: entry.createdByEmail,
        createdAt: new Date(entry.createdAt).toISOString(),
      };
    });
  };
}

/** The personal fields of a page of entries, for a reader the register lets see them. */
async function personalOf(services: Services, entries: readonly EntrySummary[]) {
  if (entries.length === 0) return new Map<number, unknown>();
  const rows = await services.db
    .selectFrom('register_entry')
    .select(['id', 'personal'])
    .where(
      'id',
      'in',
      entries.map((e) => e.id),
    )
    .execute();
  return new Map(rows.map((r) => [r.id, r.personal ?? {}]));
}
