// Which keys differ between two versions of a record: the fields a PATCH should send, and the rows an
// audit entry's before/after shows.

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

export function changedKeys(before: unknown, after: unknown): string[] {
  const a = (before && typeof before === 'object' ? before : {}) as Record<string, unknown>;
  const b = (after && typeof after === 'object' ? after : {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys.filter((key) => !same(a[key], b[key]));
}

/** The entries of `next` that differ from `base`. */
export function changedFields<T extends object>(base: object, next: T): Partial<T> {
  const result: Partial<T> = {};
  const original = base as Record<string, unknown>;
  for (const [key, value] of Object.entries(next)) {
    if (!same(original[key], value)) (result as Record<string, unknown>)[key] = value;
  }
  return result;
}
