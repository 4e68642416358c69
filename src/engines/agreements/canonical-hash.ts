import { createHash } from 'node:crypto';

// The canonical serialisation of an agreement's content, and its SHA-256 (docs/agreement-hash.md).
// A partner can recompute the hash from the JSON alone:
//   - objects: keys sorted by Unicode code point, no whitespace; keys whose value is null are kept;
//   - arrays keep their order (parties, areas, contacts, commitments and targets are ordered lists);
//   - strings: Unicode NFC, then JSON-escaped as JSON.stringify does;
//   - numbers: JSON.stringify form (no trailing zeros, no exponent below 1e21);
//   - UTF-8 bytes of the result are hashed with SHA-256 and written as 64 lowercase hex digits.
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.normalize('NFC'));
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('canonicalJson: numbers must be finite');
    return JSON.stringify(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k.normalize('NFC'))}:${canonicalJson(v)}`).join(',')}}`;
  }
  throw new Error(`canonicalJson: unsupported value of type ${typeof value}`);
}

export function contentHash(content: unknown): string {
  return createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
}
