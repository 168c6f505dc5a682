import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { csrfRejected, tokensMatch } from '../../csrf.ts';
import { badRequest } from '../../errors.ts';
import { safeFileName } from '../data/upload.ts';

/*
 * A register file sent from the import page: streamed to a temporary folder (never held in memory), the CSRF token
 * checked before any byte of the file is accepted, and the folder removed when `work` ends, whatever happens.
 */

export interface UploadedFile {
  path: string;
  name: string;
}

export async function withUploadedFile<T>(
  request: FastifyRequest,
  work: (file: UploadedFile | null) => Promise<T>,
): Promise<T> {
  if (!request.isMultipart()) throw badRequest('Send the file as multipart/form-data');
  let csrfOk = false;
  let dir: string | null = null;
  let file: UploadedFile | null = null;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        if (part.fieldname === '_csrf') csrfOk = tokensMatch(request.csrfToken, part.value);
        continue;
      }
      if (!csrfOk) throw csrfRejected();
      if (!part.filename || file !== null) {
        part.file.resume();
        continue;
      }
      dir = await mkdtemp(join(tmpdir(), 'safer-register-upload-'));
      file = { name: safeFileName(part.filename), path: '' };
      file.path = join(dir, file.name);
      await pipeline(part.file, createWriteStream(file.path));
    }
    if (!csrfOk) throw csrfRejected();
    // An empty file input still sends a part with an empty name, or an empty file.
    return await work(file);
  } finally {
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}
