import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams, Ok } from '../../../contracts/common.ts';
import { NotificationList, NotificationListQuery, NotificationPreferences, SetNotificationPreferences } from '../../../contracts/notifications.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { errorResponses } from '../http.ts';
import * as service from './service.ts';

export function notificationRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['notifications'];
  r.get('/api/v1/notifications', {
    schema: { tags, summary: 'My notifications, newest first', querystring: NotificationListQuery, response: { 200: NotificationList, ...errorResponses } },
    handler: (req) => service.listMyNotifications(deps, req.ctx, req.query.unread === 'true'),
  });
  r.post('/api/v1/notifications/:id/read', {
    schema: { tags, summary: 'Mark one notification read', params: IdParams, response: { 200: Ok, ...errorResponses } },
    handler: async (req) => {
      await service.markNotificationsRead(deps, req.ctx, req.params.id);
      return { ok: true as const };
    },
  });
  r.post('/api/v1/notifications/read-all', {
    schema: { tags, summary: 'Mark all my notifications read', response: { 200: Ok, ...errorResponses } },
    handler: async (req) => {
      await service.markNotificationsRead(deps, req.ctx, null);
      return { ok: true as const };
    },
  });
  r.get('/api/v1/me/notification-preferences', {
    schema: { tags, summary: 'Which notifications I receive, by kind and channel', response: { 200: NotificationPreferences, ...errorResponses } },
    handler: (req) => service.getPreferences(deps, req.ctx),
  });
  r.put('/api/v1/me/notification-preferences', {
    schema: { tags, summary: 'Choose which notifications I receive', body: SetNotificationPreferences, response: { 200: NotificationPreferences, ...errorResponses } },
    handler: (req) => service.setPreferences(deps, req.ctx, req.body.items),
  });
}
