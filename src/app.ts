import Fastify, { type FastifyInstance } from 'fastify';
import fastifyFormbody from '@fastify/formbody';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import type { Services } from './services.ts';
import { setUpStaticAssets } from './http/assets.ts';
import { setUpAuthentication } from './http/authentication.ts';
import { setUpCsrf } from './http/csrf.ts';
import { setUpErrorHandling } from './http/errors.ts';
import { setUpHealthChecks } from './http/health.ts';
import { setUpWebSecurity } from './http/security.ts';
import { setUpViews } from './http/views.ts';
import { apiV1Routes } from './http/api/v1/routes.ts';
import { adminRoutes } from './http/pages/admin/routes.ts';
import { auditRoutes } from './http/pages/audit/routes.ts';
import { dataRoutes } from './http/pages/data/routes.ts';
import { homeRoutes } from './http/pages/home/routes.ts';
import { dashboardRoutes } from './http/pages/dashboard/routes.ts';
import { reportRoutes } from './http/pages/reports/routes.ts';
import { performanceRoutes } from './http/pages/performance/routes.ts';
import { plansRoutes } from './http/pages/delivery/routes.ts';
import { governanceRoutes } from './http/pages/governance/routes.ts';
import { lineageRoutes } from './http/pages/lineage/routes.ts';
import { registersRoutes } from './http/pages/registers/routes.ts';
import { caseworkRoutes } from './http/pages/casework/routes.ts';
import { signInRoutes } from './http/pages/signIn/routes.ts';
import { uploadRoutes } from './http/pages/data/upload.ts';

/** Form and JSON bodies are small; only uploads are large, and they stream to disk. */
const BODY_LIMIT_BYTES = 64 * 1024;

/** The whole request pipeline, readable on one screen. */
export async function createApp(services: Services): Promise<FastifyInstance> {
  const app = Fastify({
    logger: services.config.env === 'production',
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: services.config.web.trustProxy,
  });
  setUpWebSecurity(app, services);
  setUpViews(app);
  setUpErrorHandling(app);
  setUpHealthChecks(app, services);
  await setUpStaticAssets(app);
  await app.register(fastifyRateLimit, { max: services.config.web.rateLimitPerMinute, timeWindow: '1 minute' });
  await app.register(fastifyFormbody, { bodyLimit: BODY_LIMIT_BYTES });
  await app.register(fastifyMultipart, {
    limits: { fileSize: services.config.web.maxUploadBytes, files: 1, fields: 10, fieldSize: 1024 },
  });
  await setUpAuthentication(app, services);
  setUpCsrf(app);
  await app.register(signInRoutes(services));
  await app.register(homeRoutes(services));
  await app.register(dashboardRoutes(services));
  await app.register(reportRoutes(services));
  await app.register(performanceRoutes(services));
  await app.register(plansRoutes(services));
  await app.register(governanceRoutes(services));
  await app.register(lineageRoutes(services));
  await app.register(registersRoutes(services));
  await app.register(caseworkRoutes(services));
  await app.register(dataRoutes(services));
  await app.register(uploadRoutes(services));
  await app.register(adminRoutes(services));
  await app.register(auditRoutes(services));
  await app.register(apiV1Routes(services), { prefix: '/api/v1' });
  return app;
}
