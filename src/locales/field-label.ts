// The name of a field as messages about it say it, for the server (platform/errors.ts, which puts it in front
// of each field problem) and the web (lib/form-errors.ts, which takes it off again under the input the label
// already names): `content.areas.0.titleVi` → "Vietnamese title (Areas #1)", the leaf's label and the list
// items above it. A name under `fieldPaths.<path>` (e.g. `fieldPaths.content.parentId`) wins over the leaf's.

/** A locale lookup: the text of `key`, or undefined when there is none. */
export type Lookup = (key: string) => string | undefined;

export function fieldLabel(lookup: Lookup, path: string): string {
  const name = (p: string) => lookup(`fields.${p}`) ?? p;
  const parts = path.split('.');
  const isIndex = (p: string | undefined) => p !== undefined && /^\d+$/.test(p);
  const named = parts.filter((p) => !isIndex(p));
  const leaf = named.at(-1) ?? path;
  const byPath = named.length > 1 && named.length === parts.length ? lookup(`fieldPaths.${named.join('.')}`) : undefined;
  if (byPath !== undefined) return byPath;
  const trail: string[] = [];
  parts.forEach((p, i) => {
    if (!isIndex(p) && isIndex(parts[i + 1]) && i + 1 < parts.length - 1) trail.push(`${name(p)} #${Number(parts[i + 1]) + 1}`);
  });
  return trail.length > 0 ? `${name(leaf)} (${trail.join(' › ')})` : name(leaf);
}
