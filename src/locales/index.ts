import enServer from './en/server.json' with { type: 'json' };
import enWeb from './en/web.json' with { type: 'json' };
import viServer from './vi/server.json' with { type: 'json' };
import viWeb from './vi/web.json' with { type: 'json' };

// One set of strings for the server (errors, e-mails) and the web app. The web app feeds the same
// objects to i18next; `translate` is the server's equivalent, with the same {{name}} interpolation.
export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'vi';
type Tree = { [key: string]: string | Tree };

// Each language is split by who mainly reads it (server: errors, validation, e-mail; web: screens);
// both halves form one namespace, and a key may live in only one of them.
export const resources = {
  vi: { ...(viServer as Tree), ...(viWeb as Tree) },
  en: { ...(enServer as Tree), ...(enWeb as Tree) },
} as const;

function lookup(tree: Tree, key: string): string | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

export function hasKey(lang: Language, key: string): boolean {
  return lookup(resources[lang] as Tree, key) !== undefined;
}

export function translate(lang: Language, key: string, params: Record<string, unknown> = {}): string {
  const template = lookup(resources[lang] as Tree, key) ?? lookup(resources.en as Tree, key) ?? key;
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined || value === null) return '';
    if (typeof value === 'string' && hasKey(lang, value)) return translate(lang, value);
    return String(value);
  });
}

export function pickLanguage(value: string | undefined | null): Language | undefined {
  if (!value) return undefined;
  for (const part of value.toLowerCase().split(',')) {
    const tag = part.trim().slice(0, 2);
    if (tag === 'vi' || tag === 'en') return tag;
  }
  return undefined;
}
