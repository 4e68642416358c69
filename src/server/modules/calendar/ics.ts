// The iCalendar text (RFC 5545) of the personal feed, written directly: a feed is a flat list of all-day events,
// and a busy user's holds thousands of them (every planned and done activity of a party's agreements in the
// window: 43,500 events, 24 MB for an institution with 200,000 activities, bench/calendar.ts). ical-generator took
// ~0.1–0.3 ms of CPU per event for it; this writes ~5 µs per event, straight into one UTF-8 buffer. The properties
// are those ical-generator wrote, without its empty DESCRIPTION, SEQUENCE:0 and the second Microsoft all-day flag;
// URL values are not TEXT and are not escaped; the text ends with CRLF (§3.1).

export interface IcsCalendar {
  name: string;
  description: string;
  /** `-//company//product//LANG` */
  prodId: string;
  /** REFRESH-INTERVAL and X-PUBLISHED-TTL, in seconds. */
  ttlSeconds: number;
}

export interface IcsEvent {
  uid: string;
  /** First day, YYYY-MM-DD. */
  start: string;
  /** The day after the last (DTEND of an all-day event is exclusive), YYYY-MM-DD. */
  endExclusive: string;
  summary: string;
  description: string | null;
  location: string | null;
  url: string;
}

const CRLF = '\r\n';

/** TEXT value (§3.3.11): backslash, semicolon and comma escaped, line breaks as `\n`. */
export function escapeText(value: string): string {
  return /[\\;,\r\n]/.test(value) ? value.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, '\\n') : value;
}

/** A URI value holds no line break (a broken one would end the property early). */
const uri = (value: string) => value.replace(/[\r\n]/g, '');

/**
 * Folds a content line at 75 octets of UTF-8 (§3.1): the continuation lines start with a space, and a character
 * is never split (a Vietnamese letter is 2–3 octets, a surrogate pair 4).
 */
export function foldLine(line: string): string {
  if (line.length <= 25 || Buffer.byteLength(line, 'utf8') <= 75) return line;
  // Slices of the line, not a character at a time: a string built by += per character is a tree of one-character
  // pieces, which a feed of tens of thousands of events keeps alive until it is joined (mostly garbage collection).
  const pieces: string[] = [];
  let from = 0;
  let octets = 0;
  let limit = 75; // the first line; a continuation's leading space takes one of its 75
  for (let i = 0; i < line.length; ) {
    const code = line.charCodeAt(i);
    const pair = code >= 0xd800 && code <= 0xdbff && i + 1 < line.length;
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : pair ? 4 : 3;
    if (octets + size > limit) {
      pieces.push(line.slice(from, i));
      from = i;
      octets = 0;
      limit = 74;
    }
    octets += size;
    i += pair ? 2 : 1;
  }
  pieces.push(line.slice(from));
  return pieces.join(`${CRLF} `);
}

const dateValue = (day: string) => day.replaceAll('-', '');
const stampValue = (d: Date) => `${d.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;

/** Appends strings as UTF-8 to a growing buffer: no string of the whole feed, and each piece dies young. */
class Utf8Sink {
  private buf: Buffer;
  private size = 0;
  constructor(initial: number) {
    this.buf = Buffer.allocUnsafe(Math.max(4096, initial));
  }
  write(s: string) {
    // A UTF-16 code unit is at most 3 octets of UTF-8.
    if (this.size + s.length * 3 > this.buf.length) {
      const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.size + s.length * 3));
      this.buf.copy(next, 0, 0, this.size);
      this.buf = next;
    }
    this.size += this.buf.write(s, this.size, 'utf8');
  }
  bytes(): Buffer {
    return this.buf.subarray(0, this.size);
  }
}

/** The whole VCALENDAR as UTF-8: CRLF-terminated lines, folded at 75 octets. */
export function icsBytes(calendar: IcsCalendar, events: readonly IcsEvent[], stamp: Date): Buffer {
  const ttl = calendar.ttlSeconds % 3600 === 0 ? `PT${calendar.ttlSeconds / 3600}H` : `PT${calendar.ttlSeconds}S`;
  const name = escapeText(calendar.name);
  const head = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${escapeText(calendar.prodId)}`,
    `NAME:${name}`,
    `X-WR-CALNAME:${name}`,
    `X-WR-CALDESC:${escapeText(calendar.description)}`,
    `REFRESH-INTERVAL;VALUE=DURATION:${ttl}`,
    `X-PUBLISHED-TTL:${ttl}`,
  ];
  const out = new Utf8Sink(1024 + events.length * 600);
  out.write(`${head.map(foldLine).join(CRLF)}${CRLF}`);
  const dtstamp = `DTSTAMP:${stampValue(stamp)}${CRLF}`;
  for (const e of events) {
    let v = `BEGIN:VEVENT${CRLF}${foldLine(`UID:${escapeText(e.uid)}`)}${CRLF}${dtstamp}DTSTART;VALUE=DATE:${dateValue(e.start)}${CRLF}DTEND;VALUE=DATE:${dateValue(e.endExclusive)}${CRLF}X-MICROSOFT-CDO-ALLDAYEVENT:TRUE${CRLF}${foldLine(`SUMMARY:${escapeText(e.summary)}`)}${CRLF}`;
    if (e.location) v += `${foldLine(`LOCATION:${escapeText(e.location)}`)}${CRLF}`;
    if (e.description) v += `${foldLine(`DESCRIPTION:${escapeText(e.description)}`)}${CRLF}`;
    v += `${foldLine(`URL;VALUE=URI:${uri(e.url)}`)}${CRLF}END:VEVENT${CRLF}`;
    out.write(v);
  }
  out.write(`END:VCALENDAR${CRLF}`);
  return out.bytes();
}

/** The same as text. */
export const icsText = (calendar: IcsCalendar, events: readonly IcsEvent[], stamp: Date): string => icsBytes(calendar, events, stamp).toString('utf8');
