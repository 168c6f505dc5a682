import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** An error with a stable code, shown to people as a page and to programs as `{ error: { code, message } }`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const notFound = (what = 'Page') => new HttpError(404, 'NOT_FOUND', `${what} not found`);
export const forbidden = () => new HttpError(403, 'FORBIDDEN', 'You do not have permission to do that');
export const unauthenticated = () => new HttpError(401, 'UNAUTHENTICATED', 'Sign in to continue');
export const badRequest = (message: string) => new HttpError(400, 'BAD_REQUEST', message);

const isApi = (request: FastifyRequest) => request.url.startsWith('/api/');

const TITLES: Record<number, string> = {
  400: 'There is a problem with your request',
  403: 'You do not have permission to see this page',
  404: 'Page not found',
  413: 'The file is too large',
  429: 'Too many requests',
  500: 'Sorry, there is a problem with the service',
};

/** One place turns every error into a response; nothing here ever shows a stack trace. */
export function setUpErrorHandling(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => sendError(request, reply, notFound()));
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof HttpError) return sendError(request, reply, error);
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) request.log.error({ err: error }, 'unhandled error');
    const code = status === 500 ? 'INTERNAL' : (error.code ?? 'BAD_REQUEST');
    const message =
      status === 500
        ? 'Something went wrong; it has been logged'
        : status === 429
          ? 'Too many requests: wait a minute and try again'
          : error.message;
    return sendError(request, reply, new HttpError(status, code, message));
  });
}

function sendError(request: FastifyRequest, reply: FastifyReply, error: HttpError) {
  if (isApi(request)) return reply.status(error.status).send({ error: { code: error.code, message: error.message } });
  if (error.status === 401)
    return reply.redirect(`/sign-in?next=${encodeURIComponent(request.url.startsWith('/') ? request.url : '/')}`, 303);
  return reply.status(error.status).view('pages/error.njk', {
    title: TITLES[error.status] ?? TITLES[400],
    status: error.status,
    message: error.status === 500 ? null : error.message,
  });
}
