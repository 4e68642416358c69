import { createHash } from 'node:crypto';

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

  set(feedId: string, generation: number, day: string, feed: RenderedFeed) {
    const old = this.entries.get(feedId);
    if (old) {
      this.entries.delete(feedId);
      this.bytes -= old.body.length;
    }
    if (feed.body.length > this.maxBytes) return;
    // A rendering may be a view of a larger buffer (ics.ts grows one): keep only its bytes.
    const body = feed.body.byteLength < feed.body.buffer.byteLength ? Buffer.from(feed.body) : feed.body;
    this.entries.set(feedId, { body, etag: feed.etag, key: `${generation} ${day}` });
    this.bytes += feed.body.length;
    for (const [id, entry] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(id);
      this.bytes -= entry.body.length;
    }
  }

  get size() {
    return { feeds: this.entries.size, bytes: this.bytes };
  }
}

/** A strong validator of the feed's bytes. */
export const etagOf = (body: Buffer) => `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
