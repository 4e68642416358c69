import { hash, verify } from '@node-rs/argon2';
import { createHash, randomBytes } from 'node:crypto';

// Passwords: argon2id with the library's defaults (m=19 MiB, t=2, p=1 — OWASP's minimum).
export const hashPassword = (password: string) => hash(password, { algorithm: 2 });
export const verifyPassword = (stored: string, password: string) => verify(stored, password).catch(() => false);

/** A random secret for a URL or header; only its SHA-256 is stored. */
export function newSecret(prefix = ''): { secret: string; hash: string } {
  const secret = `${prefix}${randomBytes(32).toString('base64url')}`;
  return { secret, hash: sha256(secret) };
}

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
