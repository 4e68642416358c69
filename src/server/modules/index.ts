import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../platform/deps.ts';
import { accountRoutes } from './accounts/routes.ts';
import { AGREEMENT_NOTIFICATIONS } from './agreements/notifications.ts';
import { agreementRoutes } from './agreements/routes.ts';
import { auditRoutes } from './audit/routes.ts';
import { authRoutes } from './auth/routes.ts';
import { consortiumRoutes } from './consortia/routes.ts';
import { documentRoutes } from './documents/routes.ts';
import { institutionRoutes } from './institutions/routes.ts';
import { type NotificationKindDefinition, registerNotificationKinds } from './notifications/registry.ts';
import { notificationRoutes } from './notifications/routes.ts';
import { outboxRoutes } from './outbox/routes.ts';
import { peopleRoutes } from './people/routes.ts';
import { ssoRoutes } from './sso/routes.ts';
import { unitRoutes } from './units/routes.ts';

/** What a module brings to the app: its routes and the notifications it sends. */
export interface ModuleDefinition {
  name: string;
  routes: ((app: FastifyInstance, deps: AppDeps) => void)[];
  notifications?: NotificationKindDefinition[];
}

/** Every module; a new module adds one entry here (see ARCHITECTURE.md, "A new module"). */
export const MODULES: ModuleDefinition[] = [
  { name: 'auth', routes: [authRoutes] },
  { name: 'sso', routes: [ssoRoutes] },
  { name: 'institutions', routes: [institutionRoutes] },
  { name: 'units', routes: [unitRoutes] },
  { name: 'people', routes: [peopleRoutes] },
  { name: 'consortia', routes: [consortiumRoutes] },
  { name: 'accounts', routes: [accountRoutes] },
  { name: 'audit', routes: [auditRoutes] },
  { name: 'outbox', routes: [outboxRoutes] },
  { name: 'agreements', routes: [agreementRoutes], notifications: Object.values(AGREEMENT_NOTIFICATIONS) },
  { name: 'documents', routes: [documentRoutes] },
  { name: 'notifications', routes: [notificationRoutes] },
];

export async function registerModules(app: FastifyInstance, deps: AppDeps) {
  for (const m of MODULES) {
    registerNotificationKinds(m.notifications ?? []);
    for (const register of m.routes) register(app, deps);
  }
}
