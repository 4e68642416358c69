import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams, Ok } from '../../../contracts/common.ts';
import { NotificationList, NotificationListQuery, NotificationPreferences, SetNotificationPreferences } from '../../../contracts/notifications.ts';
import type { AppDeps } from '../../platform/deps.ts';
import * as ex from './api-examples.ts';
import { bodyErrorResponses, errorResponses, requestExample } from '../http.ts';
import * as service from './service.ts';

export function notificationRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['notifications'];
  r.get('/api/v1/notifications', {
    schema: {
      operationId: 'listNotifications',
      tags,
      summary: 'My notifications',
      description:
        "The signed-in user's notifications, newest first (only unread ones with `unread=true`), with the number " +
        "unread; each links to its record. Users only (403 for API tokens).",
      querystring: NotificationListQuery,
      response: { 200: NotificationList.meta({ examples: [ex.notificationList] }), ...errorResponses },
    },
    handler: (req) => service.listMyNotifications(deps, req.ctx, req.query.unread === 'true'),
  });
  r.post('/api/v1/notifications/:id/read', {
    schema: {
      operationId: 'markNotificationRead',
      tags,
      summary: 'Mark a notification read',
      description: "Marks one of the caller's notifications read; 404 for someone else's. Users only.",
      params: IdParams,
      response: { 200: Ok.meta({ examples: [ex.ok] }), ...errorResponses },
    },
    handler: async (req) => {
      await service.markNotificationsRead(deps, req.ctx, req.params.id);
      return { ok: true as const };
    },
  });
  r.post('/api/v1/notifications/read-all', {
    schema: {
      operationId: 'markAllNotificationsRead',
      tags,
      summary: 'Mark all my notifications read',
      description: 'Marks every notification of the caller read. Users only.',
      response: { 200: Ok.meta({ examples: [ex.ok] }), ...errorResponses },
    },
    handler: async (req) => {
      await service.markNotificationsRead(deps, req.ctx, null);
      return { ok: true as const };
    },
  });
  r.get('/api/v1/me/notification-preferences', {
    schema: {
      operationId: 'getNotificationPreferences',
      tags,
      summary: 'Which notifications I receive',
      description: 'For each kind of notification, whether the caller receives it in the app and by e-mail. Users only.',
      response: { 200: NotificationPreferences.meta({ examples: [ex.notificationPreferences] }), ...errorResponses },
    },
    handler: (req) => service.getPreferences(deps, req.ctx),
  });
  r.put('/api/v1/me/notification-preferences', {
    schema: {
      operationId: 'setNotificationPreferences',
      tags,
      summary: 'Choose which notifications I receive',
      description:
        'Sets, for the kinds listed, whether the caller receives them in the app and by e-mail; kinds not listed keep ' +
        'their setting. Users only.',
      body: SetNotificationPreferences.meta(requestExample(ex.setNotificationPreferences)),
      response: { 200: NotificationPreferences.meta({ examples: [ex.notificationPreferences] }), ...errorResponses, ...bodyErrorResponses },
    },
    handler: (req) => service.setPreferences(deps, req.ctx, req.body.items),
  });
}
