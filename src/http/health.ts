import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.ts';

/** 200 when the database answers, 503 when it does not; says nothing else about the system. */
export function setUpHealthChecks(app: FastifyInstance, services: Services): void {
  app.get('/health', { config: { rateLimit: false } }, async (_request, reply) => {
    try {
      await sql`SELECT 1`.execute(services.db);
      return reply.send({ status: 'ok' });
    } catch {
      return reply.status(503).send({ status: 'unavailable' });
    }
  });
}
