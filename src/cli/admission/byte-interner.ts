// Interns identifiers given as byte ranges (no string per lookup): an open-addressing hash table
// over FNV-1a hashes, with the identifiers' bytes kept in one growing pool.

export class ByteInterner {
  private table: Int32Array;
  private mask: number;
  private hashes: Int32Array;
  private offsets: Int32Array;
  private pool: Buffer;
  private used = 0;
  count = 0;

  constructor(expected = 1024) {
    let size = 16;
    while (size < expected * 2) size *= 2;
    this.table = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    this.hashes = new Int32Array(Math.max(16, expected));
    this.offsets = new Int32Array(Math.max(16, expected) + 1);
    this.pool = Buffer.allocUnsafe(Math.max(256, expected * 12));
  }

  private static hash(buf: Buffer, start: number, end: number): number {
    let h = 0x811c9dc5 | 0;
    for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i], 0x01000193);
    return h;
  }

  private equals(id: number, buf: Buffer, start: number, end: number): boolean {
    const s = this.offsets[id];
    const len = this.offsets[id + 1] - s;
    if (len !== end - start) return false;
    const pool = this.pool;
    for (let i = 0; i < len; i++) if (pool[s + i] !== buf[start + i]) return false;
    return true;
  }

  /** Index of the identifier, or -1. */
  find(buf: Buffer, start: number, end: number): number {
    const h = ByteInterner.hash(buf, start, end);
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const id = this.table[slot];
      if (id === -1) return -1;
      if (this.hashes[id] === h && this.equals(id, buf, start, end)) return id;
    }
  }

  /** Index of the identifier, adding it when new. */
  intern(buf: Buffer, start: number, end: number): number {
    const h = ByteInterner.hash(buf, start, end);
    let slot = h & this.mask;
    for (; ; slot = (slot + 1) & this.mask) {
      const id = this.table[slot];
      if (id === -1) break;
      if (this.hashes[id] === h && this.equals(id, buf, start, end)) return id;
    }
    const id = this.count++;
    if (id + 1 >= this.hashes.length) {
      const hs = new Int32Array(this.hashes.length * 2);
      hs.set(this.hashes);
      this.hashes = hs;
      const os = new Int32Array(this.offsets.length * 2);
      os.set(this.offsets);
      this.offsets = os;
    }
    const len = end - start;
    if (this.used + len > this.pool.length) {
      const p = Buffer.allocUnsafe(Math.max(this.pool.length * 2, this.used + len));
      this.pool.copy(p, 0, 0, this.used);
      this.pool = p;
    }
    buf.copy(this.pool, this.used, start, end);
    this.used += len;
    this.hashes[id] = h;
    this.offsets[id + 1] = this.used;
    this.table[slot] = id;
    if (this.count * 2 > this.table.length) this.rehash();
    return id;
  }

  private rehash(): void {
    const size = this.table.length * 2;
    this.table = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    for (let id = 0; id < this.count; id++) {
      let slot = this.hashes[id] & this.mask;
      while (this.table[slot] !== -1) slot = (slot + 1) & this.mask;
      this.table[slot] = id;
    }
  }

  text(id: number): string {
    return this.pool.toString('utf8', this.offsets[id], this.offsets[id + 1]);
  }

  /** Copies identifier `id`'s bytes into `out` at `at`; returns the new position. */
  copyTo(id: number, out: Buffer, at: number): number {
    return at + this.pool.copy(out, at, this.offsets[id], this.offsets[id + 1]);
  }

  byteLength(id: number): number {
    return this.offsets[id + 1] - this.offsets[id];
  }

  /** Byte-wise comparison of two identifiers (UTF-8 byte order equals code point order). */
  compare(x: number, y: number): number {
    const pool = this.pool;
    let i = this.offsets[x];
    const ie = this.offsets[x + 1];
    let j = this.offsets[y];
    const je = this.offsets[y + 1];
    for (; i < ie && j < je; i++, j++) {
      const d = pool[i] - pool[j];
      if (d !== 0) return d;
    }
    return ie - i - (je - j);
  }
}
