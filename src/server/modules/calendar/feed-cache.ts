import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

// Rendered calendar feeds, kept in this process's memory: calendar applications fetch the same URL every few minutes
// to hours, and a busy user's feed (thousands of events, megabytes of text) costs far more to render than to send.
// An entry is the feed's text as rendered at one data generation (platform/data-changes.ts) on one day (the window
// moves with the day) and is served only while both are still current; any committed write makes every entry stale.
// Bounded by bytes, least recently used out first. The ETag lets a client that sends If-None-Match get a 304.

export interface RenderedFeed {
  body: Buffer;
  etag: string;
}

interface Entry extends RenderedFeed {
  key: string;
}

export class FeedCache {
  private readonly entries = new Map<string, Entry>(); // by feed id, in use order (oldest first)
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  /** The feed's rendering for this generation and day, when kept. */
  get(feedId: string, generation: number, day: string): RenderedFeed | undefined {
    const entry = this.entries.get(feedId);
    if (!entry) return undefined;
    this.entries.delete(feedId);
    if (entry.key !== `${generation} ${day}`) {
      this.bytes -= entry.body.length;
      return undefined;
    }
    this.entries.set(feedId, entry);
    return entry;
  }

  /** Keeps the rendering; answers what is kept (the same object on later hits, so its gzip is made once). */
  set(feedId: string, generation: number, day: string, feed: RenderedFeed): RenderedFeed {
    const old = this.entries.get(feedId);
    if (old) {
      this.entries.delete(feedId);
      this.bytes -= old.body.length;
    }
    if (feed.body.length > this.maxBytes) return feed;
    // A rendering may be a view of a larger buffer (ics.ts grows one): keep only its bytes.
    const body = feed.body.byteLength < feed.body.buffer.byteLength ? Buffer.from(feed.body) : feed.body;
    const entry = { body, etag: feed.etag, key: `${generation} ${day}` };
    this.entries.set(feedId, entry);
    this.bytes += body.length;
    for (const [id, entry] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(id);
      this.bytes -= entry.body.length;
    }
    return entry;
  }

  get size() {
    return { feeds: this.entries.size, bytes: this.bytes };
  }
}

/** A strong validator of the feed's bytes. */
export const etagOf = (body: Buffer) => `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;

// A feed is repetitive text (~7× smaller gzipped): a calendar application that accepts gzip gets it, made once per
// rendering (level 3: ~15 ms for 3 MB, nearly the ratio of the default level at two thirds of its time). Its bytes
// are not counted against the cache's size (about a seventh more).
const gzipped = new WeakMap<RenderedFeed, { body: Buffer; etag: string }>();
export function gzipOf(feed: RenderedFeed): { body: Buffer; etag: string } {
  let z = gzipped.get(feed);
  if (!z) {
    // Another encoding is another representation: its own strong validator (RFC 9110 8.8.3).
    z = { body: gzipSync(feed.body, { level: 3 }), etag: `${feed.etag.slice(0, -1)}-gz"` };
    gzipped.set(feed, z);
  }
  return z;
}
