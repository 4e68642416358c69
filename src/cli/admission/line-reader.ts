// A streaming CSV reader over Buffers, for files with millions of lines: reads the file in large
// chunks, finds line ends with Buffer.indexOf, and splits each line into field byte ranges without
// creating strings. Handles a UTF-8 BOM, UTF-16 (transcoded to UTF-8 chunk by chunk), CRLF line ends,
// a separator other than "," and RFC 4180 quoted fields ("a,b", "say ""hi"""); a quoted field may not
// contain a line break.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { Encoding } from './csv-format.ts';

/** Field i of the current line is bytes [start[i], end[i]) of `buf`. */
export interface Fields {
  buf: Buffer;
  start: Int32Array;
  end: Int32Array;
  count: number;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;
const SPACE = 0x20;
const TAB = 0x09;

/**
 * Splits line [from, to) of `buf` into fields at `sep` (a byte: "," by default), trimming spaces and
 * tabs around each field (tabs only when they are not the separator). Returns false for an
 * unterminated quote. Quoted lines are unescaped into `scratch`.
 */
export function splitFields(buf: Buffer, from: number, to: number, out: Fields, scratch: { buf: Buffer }, sep = COMMA): boolean {
  if (splitPlain(buf, from, to, out, sep)) return true;
  return splitQuoted(buf, from, to, out, scratch, sep);
}

/** The common case without quotes; false (and nothing usable in `out`) when the line has a quote. */
function splitPlain(buf: Buffer, from: number, to: number, out: Fields, sep: number): boolean {
  const tab = sep === TAB ? -1 : TAB;
  out.buf = buf;
  let starts = out.start;
  let ends = out.end;
  let count = 0;
  let s = from;
  for (let i = from; i <= to; i++) {
    const ch = i === to ? sep : buf[i];
    if (ch === QUOTE) return false;
    if (ch !== sep) continue;
    let a = s;
    let b = i;
    if (a < b && (buf[a] === SPACE || buf[a] === tab || buf[b - 1] === SPACE || buf[b - 1] === tab)) {
      while (a < b && (buf[a] === SPACE || buf[a] === tab)) a++;
      while (b > a && (buf[b - 1] === SPACE || buf[b - 1] === tab)) b--;
    }
    if (count === starts.length) {
      ensure(out, count);
      starts = out.start;
      ends = out.end;
    }
    starts[count] = a;
    ends[count] = b;
    count++;
    s = i + 1;
  }
  out.count = count;
  return true;
}

/** RFC 4180 quoting, unescaped into `scratch`. */
function splitQuoted(buf: Buffer, from: number, to: number, out: Fields, scratch: { buf: Buffer }, sep: number): boolean {
  const tab = sep === TAB ? -1 : TAB;
  if (scratch.buf.length < to - from) scratch.buf = Buffer.allocUnsafe(2 * (to - from));
  const dst = scratch.buf;
  out.buf = dst;
  let w = 0;
  let count = 0;
  let i = from;
  for (;;) {
    while (i < to && (buf[i] === SPACE || buf[i] === tab)) i++;
    const fieldStart = w;
    if (i < to && buf[i] === QUOTE) {
      i++;
      for (;;) {
        if (i >= to) return false;
        if (buf[i] === QUOTE) {
          if (i + 1 < to && buf[i + 1] === QUOTE) {
            dst[w++] = QUOTE;
            i += 2;
          } else {
            i++;
            break;
          }
        } else dst[w++] = buf[i++];
      }
      while (i < to && buf[i] !== sep) i++; // ignore anything after the closing quote
    } else {
      while (i < to && buf[i] !== sep) dst[w++] = buf[i++];
      while (w > fieldStart && (dst[w - 1] === SPACE || dst[w - 1] === tab)) w--;
    }
    ensure(out, count);
    out.start[count] = fieldStart;
    out.end[count] = w;
    count++;
    if (i >= to) break;
    i++; // separator
  }
  out.count = count;
  return true;
}

function ensure(out: Fields, i: number): void {
  if (i < out.start.length) return;
  const s = new Int32Array(out.start.length * 2);
  const e = new Int32Array(out.end.length * 2);
  s.set(out.start);
  e.set(out.end);
  out.start = s;
  out.end = e;
}

export function newFields(): Fields {
  return { buf: Buffer.alloc(0), start: new Int32Array(16), end: new Int32Array(16), count: 0 };
}

export function fieldText(f: Fields, i: number): string {
  return i < f.count ? f.buf.toString('utf8', f.start[i], f.end[i]) : '';
}

export type ReadProgress = (bytesRead: number, totalBytes: number) => void;

/** Fills `buf` with the file's text as UTF-8 (0 at the end); `read` counts the file bytes consumed. */
interface Source {
  fill(buf: Buffer, offset: number, length: number): number;
  read: number;
}

function utf8Source(fd: number): Source {
  const source: Source = {
    read: 0,
    fill(buf, offset, length) {
      const n = readSync(fd, buf, offset, length, null);
      source.read += n;
      return n;
    },
  };
  return source;
}

function utf16Source(fd: number, encoding: 'utf16le' | 'utf16be', chunkSize: number): Source {
  const decoder = new TextDecoder(encoding === 'utf16le' ? 'utf-16le' : 'utf-16be'); // drops the BOM
  const raw = Buffer.allocUnsafe(chunkSize);
  let pending = Buffer.alloc(0);
  let ended = false;
  const source: Source = {
    read: 0,
    fill(buf, offset, length) {
      while (pending.length === 0 && !ended) {
        const n = readSync(fd, raw, 0, raw.length, null);
        source.read += n;
        ended = n === 0;
        pending = Buffer.from(ended ? decoder.decode() : decoder.decode(raw.subarray(0, n), { stream: true }), 'utf8');
      }
      const k = Math.min(pending.length, length);
      pending.copy(buf, offset, 0, k);
      pending = pending.subarray(k);
      return k;
    },
  };
  return source;
}

/**
 * A fast path for plain lines: parses complete lines of `buf` from `pos` (the data ends at `limit`),
 * adding the number of lines it consumed to `cursor.line`, and returns the position after the last
 * one. It stops at a line it leaves to `onLine` (which then gets that line, and the fast path is
 * asked again after it), at a line that runs past `limit`, and may stop after any number of lines
 * (it is called again as long as it makes progress): a function called many times for a bounded
 * amount of work each is compiled whole, with its variables unboxed, while a long loop in a
 * function called once runs in code compiled for entry in the middle of the loop (on-stack
 * replacement), where they stay boxed.
 */
export type FastLines = (buf: Buffer, pos: number, limit: number, cursor: { line: number }) => number;

/**
 * Calls `onLine(buf, start, end, lineNumber)` for every line of the file (line numbers from 1, line
 * end and BOM excluded; empty lines included), as UTF-8 whatever the file's `encoding`. Throws the fs
 * error when the file cannot be read. With `fast`, lines go to it first (see FastLines); `onLine`
 * gets the others.
 */
export function forEachLine(
  path: string,
  onLine: (buf: Buffer, start: number, end: number, line: number) => void,
  progress?: ReadProgress,
  chunkSize = 1 << 22,
  encoding: Encoding = 'utf8',
  fast?: FastLines,
): { bytes: number; lines: number } {
  const fd = openSync(path, 'r');
  try {
    const total = fstatSync(fd).size;
    const source = encoding === 'utf8' ? utf8Source(fd) : utf16Source(fd, encoding, chunkSize);
    let buf = Buffer.allocUnsafe(chunkSize);
    let filled = 0; // bytes of buf holding data
    let pos = 0; // start of the current (unfinished) line in buf
    let line = 0;
    let first = true;
    const cursor = { line: 0 };
    for (;;) {
      if (filled === buf.length) {
        // Move the unfinished line to the front, or grow for very long lines.
        if (pos > 0) {
          buf.copy(buf, 0, pos, filled);
          filled -= pos;
          pos = 0;
        } else {
          const bigger = Buffer.allocUnsafe(buf.length * 2);
          buf.copy(bigger, 0, 0, filled);
          buf = bigger;
        }
      }
      const n = source.fill(buf, filled, buf.length - filled);
      if (first && filled === 0 && n >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) pos = 3;
      first = false;
      filled += n;
      if (n === 0) {
        if (pos < filled) {
          let end = filled;
          if (buf[end - 1] === CR) end--;
          onLine(buf, pos, end, ++line);
        }
        break;
      }
      for (;;) {
        // The fast path takes lines for as long as it makes progress (it returns after a bounded
        // number of lines, see FastLines).
        while (fast) {
          cursor.line = line;
          const next = fast(buf, pos, filled, cursor);
          line = cursor.line;
          if (next === pos) break;
          pos = next;
        }
        const nl = buf.indexOf(LF, pos);
        if (nl === -1 || nl >= filled) break;
        const end = nl > pos && buf[nl - 1] === CR ? nl - 1 : nl;
        onLine(buf, pos, end, ++line);
        pos = nl + 1;
      }
      progress?.(source.read, total);
    }
    return { bytes: source.read, lines: line };
  } finally {
    closeSync(fd);
  }
}
