import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../platform/deps.ts';
import { accountRoutes } from './accounts/routes.ts';
import { agreementRoutes } from './agreements/routes.ts';
import { auditRoutes } from './audit/routes.ts';
import { authRoutes } from './auth/routes.ts';
import { consortiumRoutes } from './consortia/routes.ts';
import { documentRoutes } from './documents/routes.ts';
import { institutionRoutes } from './institutions/routes.ts';
import { notificationRoutes } from './notifications/routes.ts';
import { outboxRoutes } from './outbox/routes.ts';
import { peopleRoutes } from './people/routes.ts';
import { ssoRoutes } from './sso/routes.ts';
import { unitRoutes } from './units/routes.ts';

/** Every module's routes; a new module adds one line here. */
export async function registerModules(app: FastifyInstance, deps: AppDeps) {
  for (const register of [authRoutes, ssoRoutes, institutionRoutes, unitRoutes, peopleRoutes, consortiumRoutes, accountRoutes, auditRoutes, outboxRoutes,
    agreementRoutes, documentRoutes, notificationRoutes]) {
    register(app, deps);
  }
}
