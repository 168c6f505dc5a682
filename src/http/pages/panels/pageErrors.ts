import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import { CaseChangeRefusedError, CaseRefusedError, CaseWorkError } from '../../../panels/panel/panelErrors.ts';
import { HttpError } from '../../errors.ts';

/*
 * How panel and case errors reach a person: "not found" (never "forbidden") for anything need to know refuses;
 * a 403 for a change a reader may not make; a field error goes back to its form.
 */

/** The 404 page for a case: the same whether it does not exist or is not the reader's to see. */
export const caseNotFound = (reply: FastifyReply) =>
  reply.status(404).view('pages/cases/not-found.njk', { title: 'Case not found' });

/** Turns a refusal into its HTTP error; a CaseWorkError is left for the caller to show on its form. */
export function refusalOf(error: unknown): never {
  if (error instanceof CaseRefusedError) throw new HttpError(404, 'NOT_FOUND', 'Page not found');
  if (error instanceof CaseChangeRefusedError) throw new HttpError(403, 'FORBIDDEN', error.message);
  throw error;
}

export const isFieldError = (error: unknown): error is CaseWorkError => error instanceof CaseWorkError;

/** A day from a GOV.UK date input's three fields (name-day, name-month, name-year), or '' when incomplete. */
export function dayFromParts(body: Record<string, unknown>, name: string): string {
  const part = (p: string) => String(body[`${name}-${p}`] ?? '').trim();
  const [d, m, y] = [part('day'), part('month'), part('year')];
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) return '';
  const day = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const parsed = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(day) ? day : '';
}

/** The form body as plain strings. */
export const formOf = (body: unknown): Record<string, string> =>
  Object.fromEntries(
    Object.entries((body ?? {}) as Record<string, unknown>).map(([k, v]) => [
      k,
      Array.isArray(v) ? String(v[0]) : String(v ?? ''),
    ]),
  );

/** A row id in an address: a positive integer the database's integer column can hold (larger is not found). */
export const RowId = z.coerce.number().int().positive().max(2_147_483_647);
