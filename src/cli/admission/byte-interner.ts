// Interns identifiers given as byte ranges (no string per lookup): an open-addressing hash table
// over FNV-1a hashes, with the identifiers' bytes kept in one growing pool.
//
// With `lazyIndex`, identifiers that arrive in ascending byte order (an export sorted by id) are
// only appended: none of them can have been seen before, so the hash table is built only when an
// identifier arrives out of order, or at the first find(). Until then `ascending` stays true.

export class ByteInterner {
  private table: Int32Array;
  private mask: number;
  private hashes: Int32Array;
  private offsets: Int32Array;
  private pool: Buffer;
  private used = 0;
  private indexed: boolean;
  count = 0;
  /** Every identifier so far came after the previous one in byte order (only kept with lazyIndex). */
  ascending: boolean;

  constructor(expected = 1024, options: { lazyIndex?: boolean } = {}) {
    this.indexed = options.lazyIndex !== true;
    this.ascending = !this.indexed;
    let size = 16;
    while (size < expected * 2) size *= 2;
    this.table = this.indexed ? new Int32Array(size).fill(-1) : new Int32Array(0);
    this.mask = size - 1;
    this.hashes = new Int32Array(this.indexed ? Math.max(16, expected) : 0);
    this.offsets = new Int32Array(Math.max(16, expected) + 1);
    this.pool = Buffer.allocUnsafe(Math.max(256, expected * 12));
  }

  /** FNV-1a over bytes: h = FNV_OFFSET, then h = Math.imul(h ^ byte, FNV_PRIME) for each byte. */
  static readonly FNV_OFFSET = 0x811c9dc5 | 0;
  static readonly FNV_PRIME = 0x01000193;

  static hash(buf: Buffer, start: number, end: number): number {
    let h = ByteInterner.FNV_OFFSET;
    for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i], ByteInterner.FNV_PRIME);
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
    return this.findHashed(buf, start, end, ByteInterner.hash(buf, start, end));
  }

  /** find() when the caller has already computed `h = ByteInterner.hash(buf, start, end)`. */
  findHashed(buf: Buffer, start: number, end: number, h: number): number {
    if (!this.indexed) this.buildIndex();
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const id = this.table[slot];
      if (id === -1) return -1;
      if (this.hashes[id] === h && this.equals(id, buf, start, end)) return id;
    }
  }

  /** Index of the identifier, adding it when new. */
  intern(buf: Buffer, start: number, end: number): number {
    if (!this.indexed) {
      const last = this.count - 1;
      const d = last < 0 ? 1 : this.compareWith(buf, start, end, last);
      if (d > 0) return this.append(buf, start, end);
      if (d === 0) return last;
      this.ascending = false;
      this.buildIndex();
    }
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
    this.store(id, buf, start, end);
    this.hashes[id] = h;
    this.table[slot] = id;
    if (this.count * 2 > this.table.length) this.rehash();
    return id;
  }

  /** Adds an identifier known to be new, without the index (lazyIndex, ascending order). */
  private append(buf: Buffer, start: number, end: number): number {
    const id = this.count++;
    if (id + 1 >= this.offsets.length) {
      const os = new Int32Array(this.offsets.length * 2);
      os.set(this.offsets);
      this.offsets = os;
    }
    this.store(id, buf, start, end);
    return id;
  }

  /** Copies identifier `id`'s bytes to the pool. */
  private store(id: number, buf: Buffer, start: number, end: number): void {
    const len = end - start;
    if (this.used + len > this.pool.length) {
      const p = Buffer.allocUnsafe(Math.max(this.pool.length * 2, this.used + len));
      this.pool.copy(p, 0, 0, this.used);
      this.pool = p;
    }
    const pool = this.pool;
    const at = this.used;
    // Identifiers are short: a loop is cheaper than a call to Buffer.copy.
    if (len <= 64) for (let i = 0; i < len; i++) pool[at + i] = buf[start + i];
    else buf.copy(pool, at, start, end);
    this.used = at + len;
    this.offsets[id + 1] = this.used;
  }

  /** Byte-wise comparison of bytes [start, end) of `buf` with identifier `id`. */
  private compareWith(buf: Buffer, start: number, end: number, id: number): number {
    const pool = this.pool;
    let j = this.offsets[id];
    const je = this.offsets[id + 1];
    let i = start;
    for (; i < end && j < je; i++, j++) {
      const d = buf[i] - pool[j];
      if (d !== 0) return d;
    }
    return end - i - (je - j);
  }

  /** Builds the hash table over the identifiers appended without it. */
  private buildIndex(): void {
    this.indexed = true;
    let size = 16;
    while (size < Math.max(this.offsets.length, this.count * 2 + 2)) size *= 2;
    this.mask = size - 1;
    this.hashes = new Int32Array(this.offsets.length);
    for (let id = 0; id < this.count; id++) this.hashes[id] = ByteInterner.hash(this.pool, this.offsets[id], this.offsets[id + 1]);
    this.table = new Int32Array(size / 2); // rehash() doubles it
    this.rehash();
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
