import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

// Content-addressed file store on disk: a file lives at FILES_DIR/ab/abcdef… (its SHA-256), written
// to a temporary name and renamed, so a crash never leaves a half file under a real name and the same
// content uploaded twice is stored once. Several app processes share it when FILES_DIR is shared.
export interface StoredFile {
  sha256: string;
  size: number;
  head: Buffer;
}

export class FileTooLargeError extends Error {}
/** No room left where files are stored (ENOSPC, or the quota: EDQUOT); nothing was kept. */
export class StorageFullError extends Error {}
const isStorageFull = (err: unknown) => ['ENOSPC', 'EDQUOT'].includes((err as NodeJS.ErrnoException)?.code ?? '');

export interface FileStore {
  put(stream: Readable, maxBytes: number): Promise<StoredFile>;
  open(sha256: string): Readable;
  has(sha256: string): boolean;
}

export function createFileStore(dir: string): FileStore {
  const pathOf = (sha: string) => join(dir, sha.slice(0, 2), sha);
  return {
    async put(stream, maxBytes) {
      const tmp = join(dir, 'tmp', randomUUID());
      const hash = createHash('sha256');
      let size = 0;
      let head = Buffer.alloc(0);
      try {
        mkdirSync(join(dir, 'tmp'), { recursive: true });
        await pipeline(
          stream,
          async function* (source: AsyncIterable<Buffer>) {
            for await (const chunk of source) {
              size += chunk.length;
              if (size > maxBytes) throw new FileTooLargeError(`larger than ${maxBytes} bytes`);
              if (head.length < 16) head = Buffer.concat([head, chunk.subarray(0, 16 - head.length)]);
              hash.update(chunk);
              yield chunk;
            }
          },
          createWriteStream(tmp),
        );
        const sha256 = hash.digest('hex');
        const target = pathOf(sha256);
        mkdirSync(join(dir, sha256.slice(0, 2)), { recursive: true });
        if (existsSync(target) && statSync(target).size === size) rmSync(tmp);
        else renameSync(tmp, target);
        return { sha256, size, head };
      } catch (err) {
        rmSync(tmp, { force: true });
        if (isStorageFull(err)) throw new StorageFullError(`no space left in ${dir}`, { cause: err });
        throw err;
      }
    },
    open: (sha) => createReadStream(pathOf(sha)),
    has: (sha) => existsSync(pathOf(sha)),
  };
}

/** File types we accept, recognised by their first bytes (not by the name the browser sent). */
export function sniffMime(head: Buffer): string | null {
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (head[0] === 0x89 && head.subarray(1, 4).toString('latin1') === 'PNG') return 'image/png';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  // DOCX/XLSX are ZIP containers; the extension tells which.
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'application/zip';
  return null;
}
