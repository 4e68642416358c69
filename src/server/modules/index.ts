import type { FastifyInstance } from 'fastify';
import { CONSTRAINTS as authConstraints } from './auth/constraints.ts';
import { CONSTRAINTS as institutionsConstraints } from './institutions/constraints.ts';
import { CONSTRAINTS as unitsConstraints } from './units/constraints.ts';
import { CONSTRAINTS as peopleConstraints } from './people/constraints.ts';
import { CONSTRAINTS as consortiaConstraints } from './consortia/constraints.ts';
import { CONSTRAINTS as accountsConstraints } from './accounts/constraints.ts';
import { CONSTRAINTS as auditConstraints } from './audit/constraints.ts';
import { CONSTRAINTS as outboxConstraints } from './outbox/constraints.ts';
import { CONSTRAINTS as agreementsConstraints } from './agreements/constraints.ts';
import { CONSTRAINTS as documentsConstraints } from './documents/constraints.ts';
import { CONSTRAINTS as notificationsConstraints } from './notifications/constraints.ts';
import { CONSTRAINTS as activitiesConstraints } from './activities/constraints.ts';
import { activityRoutes } from './activities/routes.ts';
import { ACTIVITY_NOTIFICATIONS } from './activities/notifications.ts';
import { activityHomeSections } from './activities/home-items.ts';
import { activityCalendarEvents } from './activities/calendar-events.ts';
import { CONSTRAINTS as delegationsConstraints } from './delegations/constraints.ts';
import { delegationRoutes } from './delegations/routes.ts';
import { delegationCalendar } from './delegations/service.ts';
import { DELEGATION_NOTIFICATIONS } from './delegations/notifications.ts';
import { CONSTRAINTS as calendarConstraints } from './calendar/constraints.ts';
import { calendarRoutes } from './calendar/routes.ts';
import { CONSTRAINTS as admissionsConstraints } from './admissions/constraints.ts';
import { admissionResultRoutes } from './admissions/results-routes.ts';
import { admissionRoutes } from './admissions/routes.ts';
import { CONSTRAINTS as examsConstraints } from './exams/constraints.ts';
import { examHomeSections } from './exams/home-items.ts';
import { examRoutes } from './exams/routes.ts';
import type { AppDeps } from '../platform/deps.ts';
import { type ConstraintFields, registerConstraintFields } from '../platform/errors.ts';
import { agreementHomeSections } from './agreements/service.ts';
import { accountRoutes } from './accounts/routes.ts';
import { AGREEMENT_NOTIFICATIONS } from './agreements/notifications.ts';
import { agreementRoutes } from './agreements/routes.ts';
import { auditRoutes } from './audit/routes.ts';
import { authRoutes } from './auth/routes.ts';
import { consortiumRoutes } from './consortia/routes.ts';
import { documentRoutes } from './documents/routes.ts';
import { type HomeProvider, registerHomeProvider } from './home/registry.ts';
import { type CalendarSource, registerCalendarSource } from './calendar/registry.ts';
import { homeRoutes } from './home/routes.ts';
import { institutionRoutes } from './institutions/routes.ts';
import { type NotificationKindDefinition, registerNotificationKinds } from './notifications/registry.ts';
import { notificationRoutes } from './notifications/routes.ts';
import { outboxRoutes } from './outbox/routes.ts';
import { peopleRoutes } from './people/routes.ts';
import { reportRoutes } from './reports/routes.ts';
import { ssoRoutes } from './sso/routes.ts';
import { unitRoutes } from './units/routes.ts';

/** What a module brings to the app: its routes, the notifications it sends, what it adds to the home page. */
export interface ModuleDefinition {
  name: string;
  routes: ((app: FastifyInstance, deps: AppDeps) => void)[];
  notifications?: NotificationKindDefinition[];
  /** Each constraint of the module's tables → the field a violation is about (`<module>/constraints.ts`). */
  constraints?: ConstraintFields;
  /** What needs the signed-in user, for the home page (`GET /api/v1/home`, modules/home/registry.ts). */
  home?: HomeProvider;
  /** Its dated records for the calendar and the iCalendar feed (modules/calendar/registry.ts). */
  calendar?: CalendarSource;
}

/** Every module; a new module adds one entry here (see ARCHITECTURE.md, "A new module"). */
export const MODULES: ModuleDefinition[] = [
  { name: 'auth', routes: [authRoutes], constraints: authConstraints },
  { name: 'sso', routes: [ssoRoutes] },
  { name: 'institutions', routes: [institutionRoutes], constraints: institutionsConstraints },
  { name: 'units', routes: [unitRoutes], constraints: unitsConstraints },
  { name: 'people', routes: [peopleRoutes], constraints: peopleConstraints },
  { name: 'consortia', routes: [consortiumRoutes], constraints: consortiaConstraints },
  { name: 'accounts', routes: [accountRoutes], constraints: accountsConstraints },
  { name: 'audit', routes: [auditRoutes], constraints: auditConstraints },
  { name: 'outbox', routes: [outboxRoutes], constraints: outboxConstraints },
  { name: 'agreements', routes: [agreementRoutes], constraints: agreementsConstraints, notifications: Object.values(AGREEMENT_NOTIFICATIONS), home: agreementHomeSections },
  { name: 'documents', routes: [documentRoutes], constraints: documentsConstraints },
  { name: 'activities', routes: [activityRoutes], constraints: activitiesConstraints, notifications: Object.values(ACTIVITY_NOTIFICATIONS), home: activityHomeSections, calendar: activityCalendarEvents },
  { name: 'delegations', routes: [delegationRoutes], constraints: delegationsConstraints, notifications: Object.values(DELEGATION_NOTIFICATIONS), calendar: delegationCalendar },
  { name: 'notifications', routes: [notificationRoutes], constraints: notificationsConstraints },
  { name: 'home', routes: [homeRoutes] },
  { name: 'reports', routes: [reportRoutes] },
  { name: 'calendar', routes: [calendarRoutes], constraints: calendarConstraints },
  { name: 'exams', routes: [examRoutes], constraints: examsConstraints, home: examHomeSections },
  { name: 'admissions', routes: [admissionRoutes, admissionResultRoutes], constraints: admissionsConstraints },
];

export async function registerModules(app: FastifyInstance, deps: AppDeps) {
  for (const m of MODULES) {
    registerNotificationKinds(m.notifications ?? []);
    registerConstraintFields(m.constraints ?? {});
    if (m.home) registerHomeProvider(m.name, m.home);
    if (m.calendar) registerCalendarSource(m.name, m.calendar);
    for (const register of m.routes) register(app, deps);
  }
}
