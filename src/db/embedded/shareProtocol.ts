import { z } from 'zod';
import type { CopyValue } from '../copy.ts';

/** Bumped when a message changes shape: a process of another version is refused, not misread. */
export const SHARE_PROTOCOL = 1;

/** What a Safer process sends to the process that owns the data folder (shareServer.ts). */
export type ShareRequest =
  | { type: 'hello'; protocol: number; pid: number; command: string }
  | { type: 'query'; id: number; sql: string; parameters: readonly unknown[] }
  | { type: 'begin'; id: number }
  | { type: 'copy'; id: number; table: string; columns: readonly string[]; rows: readonly (readonly CopyValue[])[] }
  | { type: 'copyBinary'; id: number; table: string; columns: readonly string[]; data: Uint8Array }
  | { type: 'commit'; id: number }
  | { type: 'rollback'; id: number };

export type ShareReply =
  | { type: 'welcome'; protocol: number; pid: number; command: string }
  | { type: 'refused'; message: string }
  | { type: 'result'; id: number; rows: unknown[]; numAffectedRows?: bigint }
  | { type: 'done'; id: number }
  | { type: 'error'; id: number; error: SharedError };

/** A database error as it crosses: message plus PostgreSQL's fields, so callers can still test `code`. */
export interface SharedError {
  message: string;
  fields: Record<string, string>;
}

const ERROR_FIELDS = [
  'code',
  'detail',
  'hint',
  'constraint',
  'table',
  'column',
  'schema',
  'severity',
  'where',
  'position',
] as const;

export function toSharedError(error: unknown): SharedError {
  const fields: Record<string, string> = {};
  if (error && typeof error === 'object') {
    for (const key of ERROR_FIELDS) {
      const value = (error as Record<string, unknown>)[key];
      if (typeof value === 'string' || typeof value === 'number') fields[key] = String(value);
    }
  }
  return { message: error instanceof Error ? error.message : String(error), fields };
}

export function fromSharedError(shared: SharedError): Error {
  return Object.assign(new Error(shared.message), shared.fields);
}

/** Requests are checked at the boundary: the socket is private to the user, but a bug should fail loudly. */
const Id = z.number().int().nonnegative();
const Columns = z.array(z.string());
export const ShareRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), protocol: z.number(), pid: z.number(), command: z.string() }),
  z.object({ type: z.literal('query'), id: Id, sql: z.string(), parameters: z.array(z.unknown()) }),
  z.object({ type: z.literal('begin'), id: Id }),
  z.object({
    type: z.literal('copy'),
    id: Id,
    table: z.string(),
    columns: Columns, // Rows are checked as an array only: a copy carries tens of thousands, and COPY itself checks each value.
    rows: z.custom<readonly (readonly CopyValue[])[]>((v) => Array.isArray(v)),
  }),
  z.object({
    type: z.literal('copyBinary'),
    id: Id,
    table: z.string(),
    columns: Columns,
    data: z.instanceof(Uint8Array),
  }),
  z.object({ type: z.literal('commit'), id: Id }),
  z.object({ type: z.literal('rollback'), id: Id }),
]);
