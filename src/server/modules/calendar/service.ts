import { type CalendarEvent, type CalendarFeedCreated, type CalendarFeedStatus, type CalendarRange, FEED_DAYS_AHEAD, FEED_DAYS_BACK } from '../../../contracts/calendar.ts';
import { addDays } from '../../../engines/progress/target-status.ts';
import { hasKey, type Language, translate } from '../../../locales/index.ts';
import { recordAudit } from '../../platform/audit.ts';
import { type Actor, type RequestContext, type Role, requireActor } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db.ts';
import type { DataChanges } from '../../platform/data-changes.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { notFound } from '../../platform/errors.ts';
import { newSecret, sha256 } from '../../platform/secrets.ts';
import { accountAuditOwners } from '../accounts/policy.ts';
import { todayIn } from '../agreements/service.ts';
import { requireFeedOwner } from './policy.ts';
import { etagOf, FeedCache, type RenderedFeed } from './feed-cache.ts';
import { type IcsEvent, icsBytes } from './ics.ts';
import { type CalendarScope, calendarSources } from './registry.ts';
import * as repo from './repository.ts';

// The calendar: every module's dated records (calendar/registry.ts) for a range, as the caller may read them, and
// the personal iCalendar feed — a secret URL per user (only its SHA-256 is stored) that answers the events the owner
// takes part in, as the owner would see them at the time of the request, in the owner's language.

// Days are ISO dates (compared as strings); titles and ids by the collation String#localeCompare uses, through
// one Collator (localeCompare per comparison costs ~1 µs, and a busy feed sorts tens of thousands of events).
const collate = new Intl.Collator().compare;
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byStart = (a: CalendarEvent, b: CalendarEvent) => cmp(a.start, b.start) || cmp(a.end, b.end) || collate(a.title, b.title) || collate(a.id, b.id);

/** Every source's events overlapping the range, sorted by start (the range is checked by the contract). */
export async function listCalendar(deps: AppDeps, ctx: RequestContext, range: CalendarRange, scope: CalendarScope = {}): Promise<{ items: CalendarEvent[] }> {
  requireActor(ctx);
  const lists = await Promise.all(calendarSources().map(([, source]) => source(deps, ctx, range, scope)));
  return { items: lists.flat().sort(byStart) };
}

// ---- the personal feed

/** The feed's URL path for a secret (the `.ics` suffix lets calendar applications recognise it). */
export const feedPath = (token: string) => `/api/v1/calendar/feed/${token}.ics`;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function getFeed(deps: AppDeps, ctx: RequestContext): Promise<CalendarFeedStatus> {
  const actor = requireFeedOwner(ctx);
  const row = await repo.feedOfUser(deps.db, actor.userId);
  return { active: row !== undefined, createdAt: iso(row?.created_at ?? null), lastUsedAt: iso(row?.last_used_at ?? null) };
}

/** Makes the caller's feed URL, or replaces it (the old URL stops working); the URL is shown this once. */
export async function createFeed(deps: AppDeps, ctx: RequestContext): Promise<CalendarFeedCreated> {
  const actor = requireFeedOwner(ctx);
  const { secret, hash } = newSecret();
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const before = await repo.feedOfUser(tx, actor.userId);
    const row = await repo.upsertFeed(tx, actor.userId, hash, now);
    await recordAudit(tx, ctx, {
      entity: 'calendar_feed',
      entityId: row.id,
      action: before ? 'replace' : 'create',
      owners: accountAuditOwners({ roles: actor.roles, institution_id: actor.institutionId }),
      before: before ? { userId: actor.userId, createdAt: iso(before.created_at) } : undefined,
      after: { userId: actor.userId, createdAt: iso(row.created_at) },
    });
    return { url: `${deps.config.publicUrl}${feedPath(secret)}`, createdAt: iso(row.created_at)! };
  });
}

/** Revokes the caller's feed: its URL answers 404 from now on. 404 when there is none. */
export async function revokeFeed(deps: AppDeps, ctx: RequestContext) {
  const actor = requireFeedOwner(ctx);
  await inTransaction(deps.db, async (tx) => {
    const row = await repo.deleteFeed(tx, actor.userId);
    if (!row) throw notFound('calendar_feed');
    await recordAudit(tx, ctx, {
      entity: 'calendar_feed',
      entityId: row.id,
      action: 'revoke',
      owners: accountAuditOwners({ roles: actor.roles, institution_id: actor.institutionId }),
      before: { userId: actor.userId, createdAt: iso(row.created_at) },
    });
  });
}

/** How often `last_used_at` is written at most: calendar applications poll, and a poll should not always write. */
const TOUCH_EVERY_MS = 60_000;

/** The rendered feeds of a process, per source of data changes (one per process; tests make several). */
const feedCaches = new WeakMap<DataChanges, FeedCache>();
function feedCacheOf(deps: AppDeps): { cache: FeedCache; generation: number } | null {
  const generation = deps.changes?.generation() ?? null;
  if (generation === null || !deps.changes || deps.config.FEED_CACHE_MB === 0) return null;
  let cache = feedCaches.get(deps.changes);
  if (!cache) {
    cache = new FeedCache(deps.config.FEED_CACHE_MB * 1024 * 1024);
    feedCaches.set(deps.changes, cache);
  }
  return { cache, generation };
}

/**
 * The iCalendar text (UTF-8) of the feed with this secret, and its ETag: its owner's events from FEED_DAYS_BACK days
 * ago to FEED_DAYS_AHEAD days ahead, read as the owner (their roles now), in the owner's language. 404 for an unknown
 * or revoked secret and for a disabled account — the same answer, so a guess learns nothing. Rendered once per data
 * generation and day (feed-cache.ts): a calendar application polling an unchanged calendar gets the same bytes.
 */
export async function feedCalendar(deps: AppDeps, request: { requestId: string; ip: string }, token: string): Promise<RenderedFeed> {
  // The generation is read before the data: a write committed after it is heard of, and the entry dropped.
  const cached = feedCacheOf(deps);
  const feed = await repo.feedByTokenHash(deps.db, sha256(token));
  if (feed?.status !== 'active') throw notFound('calendar_feed');
  const now = deps.clock.now();
  if (!feed.last_used_at || now.getTime() - feed.last_used_at.getTime() > TOUCH_EVERY_MS) await repo.touchFeed(deps.db, feed.id, now);
  const today = todayIn(now);
  const hit = cached?.cache.get(feed.id, cached.generation, today);
  if (hit) return hit;
  const actor: Actor = {
    kind: 'user',
    userId: feed.user_id,
    tokenId: null,
    institutionId: feed.institution_id,
    roles: feed.roles as Role[],
    scopes: null,
    label: feed.email,
  };
  const lang = feed.language as Language;
  const owner: RequestContext = { actor, lang, requestId: request.requestId, ip: request.ip };
  // The owner's own events: an officer reads every activity of the institution's agreements (tens of thousands a
  // year at a large university, bench/calendar.ts) — the calendar page shows those; a calendar application gets
  // what the owner takes part in.
  const { items } = await listCalendar(deps, owner, { from: addDays(today, -FEED_DAYS_BACK), to: addDays(today, FEED_DAYS_AHEAD) }, { involved: true });
  const body = icsOf(deps, lang, items, now);
  const rendered = { body, etag: etagOf(body) };
  return cached ? cached.cache.set(feed.id, cached.generation, today, rendered) : rendered;
}

function icsOf(deps: AppDeps, lang: Language, events: CalendarEvent[], now: Date): Buffer {
  const statusLine = new Map<string, string | null>();
  const statusOf = (status: string) => {
    if (!statusLine.has(status)) statusLine.set(status, hasKey(lang, `calendarFeed.status.${status}`) ? translate(lang, `calendarFeed.status.${status}`) : null);
    return statusLine.get(status) ?? null;
  };
  const dayAfter = new Map<string, string>(); // a feed has a few hundred distinct last days for thousands of events
  const endOf = (day: string) => {
    let next = dayAfter.get(day);
    if (next === undefined) {
      next = addDays(day, 1);
      dayAfter.set(day, next);
    }
    return next;
  };
  const items: IcsEvent[] = events.map((e) => ({
    uid: e.id,
    // All-day events: DTSTART is the first day, DTEND the day after the last (exclusive, RFC 5545).
    start: e.start,
    endExclusive: endOf(e.end),
    summary: e.title,
    description: [e.detail, statusOf(e.status)].filter(Boolean).join('\n'),
    location: e.place,
    url: `${deps.config.publicUrl}${e.path}`,
  }));
  return icsBytes(
    { name: translate(lang, 'calendarFeed.name'), description: translate(lang, 'calendarFeed.description'), prodId: `-//hoptac//calendar//${lang.toUpperCase()}`, ttlSeconds: 60 * 60 },
    items,
    now,
  );
}
