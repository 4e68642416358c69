import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Ok } from '../../../contracts/common.ts';
import { CalendarEvents, CalendarFeedCreated, CalendarFeedParams, CalendarFeedStatus, CalendarQuery } from '../../../contracts/calendar.ts';
import type { AppDeps } from '../../platform/deps.ts';
import * as ex from './api-examples.ts';
import { binaryResponse, errorResponses } from '../http.ts';
import { gzipOf } from './feed-cache.ts';
import * as service from './service.ts';

export function calendarRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['calendar'];
  r.get('/api/v1/calendar', {
    schema: {
      operationId: 'listCalendarEvents',
      tags,
      summary: 'My calendar',
      description:
        'The dated records of every module (activities planned or done under agreements whose activities the caller ' +
        'reads; delegations, …) that overlap the range, sorted by their first day, in the caller’s language, each with ' +
        'the page it opens. Any signed-in caller; each module lists only what the caller may read. 400 naming `to` ' +
        'when it is before `from` or more than 400 days after it.',
      querystring: CalendarQuery,
      response: { 200: CalendarEvents.meta({ examples: [ex.calendarEvents] }), ...errorResponses },
    },
    handler: (req) => service.listCalendar(deps, req.ctx, req.query),
  });
  r.get('/api/v1/me/calendar-feed', {
    schema: {
      operationId: 'getCalendarFeed',
      tags,
      summary: 'My calendar feed',
      description:
        'Whether the signed-in user has a personal iCalendar feed URL, when it was made and last fetched. The URL ' +
        'itself is shown only when made. Users only (403 for API tokens).',
      response: { 200: CalendarFeedStatus.meta({ examples: [ex.calendarFeedStatus] }), ...errorResponses },
    },
    handler: (req) => service.getFeed(deps, req.ctx),
  });
  r.post('/api/v1/me/calendar-feed', {
    schema: {
      operationId: 'createCalendarFeed',
      tags,
      summary: 'Make (or replace) my calendar feed URL',
      description:
        'Makes a secret iCalendar feed URL for the signed-in user, for calendar applications (Google Calendar, ' +
        'Outlook, Apple Calendar) to subscribe to, and answers it this once; a URL made before stops working. Users ' +
        'only (403 for API tokens).',
      response: { 201: CalendarFeedCreated.meta({ examples: [ex.calendarFeedCreated] }), ...errorResponses },
    },
    handler: async (req, reply) => reply.status(201).send(await service.createFeed(deps, req.ctx)),
  });
  r.delete('/api/v1/me/calendar-feed', {
    schema: {
      operationId: 'revokeCalendarFeed',
      tags,
      summary: 'Revoke my calendar feed URL',
      description: 'The feed URL stops working (404). 404 when the user has none. Users only (403 for API tokens).',
      response: { 200: Ok.meta({ examples: [ex.ok] }), ...errorResponses },
    },
    handler: async (req) => {
      await service.revokeFeed(deps, req.ctx);
      return { ok: true as const };
    },
  });
  r.get('/api/v1/calendar/feed/:token.ics', {
    schema: {
      operationId: 'getCalendarFeedIcs',
      tags,
      summary: 'A calendar feed (iCalendar)',
      description:
        'The feed of the user whose secret URL this is, for calendar applications: their events from 90 days ago to ' +
        '400 days ahead, as all-day events (UID = the event id, URL = its page), as the user may read them now, in ' +
        'their language. No session: the secret in the path is the credential. 404 when it is unknown or revoked, or ' +
        'the account is disabled. Answers an ETag; a request with If-None-Match naming it gets 304 while nothing changed. ' +
        'Gzip-compressed for a client that accepts it (Accept-Encoding).',
      security: [],
      params: CalendarFeedParams,
      response: { 200: binaryResponse('The calendar (RFC 5545)', ['text/calendar']), 304: z.null().describe('Not modified: the ETag sent in If-None-Match is current (no body)'), ...errorResponses },
    },
    handler: async (req, reply) => {
      const rendered = await service.feedCalendar(deps, req.ctx, req.params.token);
      const gzip = acceptsGzip(req.headers['accept-encoding']);
      const feed = gzip ? gzipOf(rendered) : rendered;
      reply.header('etag', feed.etag).header('cache-control', 'private, max-age=300').header('vary', 'accept-encoding');
      if (ifNoneMatch(req.headers['if-none-match'], feed.etag)) return reply.code(304).send(null);
      if (gzip) reply.header('content-encoding', 'gzip');
      return reply.header('content-type', 'text/calendar; charset=utf-8').header('content-disposition', 'inline; filename="hoptac.ics"').send(feed.body);
    },
  });
}

/** Whether an If-None-Match header names this ETag (a list, `*`, or weak validators: RFC 9110 13.1.2). */
function ifNoneMatch(header: string | undefined, etag: string) {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}

/** Whether Accept-Encoding allows gzip: named with a weight above 0, or not named and `*` allowed (RFC 9110 12.5.3). */
function acceptsGzip(header: string | undefined) {
  if (!header) return false;
  const weights = new Map<string, number>();
  for (const part of header.toLowerCase().split(',')) {
    const [coding, ...params] = part.split(';').map((x) => x.trim());
    const q = params.find((p) => p.startsWith('q='));
    weights.set(coding, q === undefined ? 1 : Number(q.slice(2)) || 0);
  }
  return (weights.get('gzip') ?? weights.get('*') ?? 0) > 0;
}
