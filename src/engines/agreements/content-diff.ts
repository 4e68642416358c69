// What changed between two versions of an agreement's content, as a flat list of entries a person can
// read: lists of keyed items (areas, commitments, targets) are matched by key, parties and contacts by
// institution, so moving or editing one item does not show the whole list as changed.
export interface DiffEntry {
  path: string;
  change: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** How items of a list are matched between versions. */
const LIST_KEYS: Record<string, string> = {
  parties: 'institutionId',
  areas: 'key',
  contacts: 'institutionId',
  commitments: 'key',
  targets: 'key',
};

function equal(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function diffValue(path: string, field: string, a: unknown, b: unknown, out: DiffEntry[]) {
  if (equal(a, b)) return;
  const listKey = LIST_KEYS[field];
  if (listKey && Array.isArray(a) && Array.isArray(b)) {
    const byKey = (list: unknown[]) => new Map(list.filter(isObj).map((x) => [String(x[listKey]), x]));
    const before = byKey(a);
    const after = byKey(b);
    for (const [k, v] of before) if (!after.has(k)) out.push({ path: `${path}[${k}]`, change: 'removed', before: v });
    for (const [k, v] of after) {
      const old = before.get(k);
      if (!old) out.push({ path: `${path}[${k}]`, change: 'added', after: v });
      else diffObject(`${path}[${k}]`, old, v, out);
    }
    const order = (m: Map<string, unknown>, other: Map<string, unknown>) => [...m.keys()].filter((k) => other.has(k));
    if (!equal(order(before, after), order(after, before))) {
      out.push({ path: `${path}.order`, change: 'changed', before: order(before, after), after: order(after, before) });
    }
    return;
  }
  if (isObj(a) && isObj(b)) return diffObject(path, a, b, out);
  if (a === undefined || a === null) out.push({ path, change: b === null ? 'changed' : 'added', before: a ?? null, after: b });
  else if (b === undefined) out.push({ path, change: 'removed', before: a });
  else out.push({ path, change: 'changed', before: a, after: b });
}

function diffObject(prefix: string, a: Obj, b: Obj, out: DiffEntry[]) {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  for (const k of keys) diffValue(prefix ? `${prefix}.${k}` : k, k, a[k], b[k], out);
}

export function diffContent(before: Obj, after: Obj): DiffEntry[] {
  const out: DiffEntry[] = [];
  diffObject('', before, after, out);
  return out;
}
