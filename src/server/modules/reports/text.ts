import { translate, type Language } from '../../../locales/index.ts';

// The reports' words: every text from the locale files (server.json `reports.*` and the shared names of statuses,
// kinds and metrics), in the reader's language.

export interface Words {
  lang: Language;
  t: (key: string, params?: Record<string, unknown>) => string;
  /** The text of the reader's language out of a Vietnamese–English pair. */
  pick: (vi: string, en: string) => string;
  /** A date as the reader writes it: dd/mm/yyyy. */
  date: (iso: string | null | undefined) => string;
  percent: (share: number) => string;
}

export function wordsFor(lang: Language): Words {
  return {
    lang,
    t: (key, params) => translate(lang, key, params),
    pick: (vi, en) => (lang === 'vi' ? vi : en),
    date: (iso) => (iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '—'),
    percent: (share) => `${Math.round(share * 100)} %`,
  };
}

/** A file name's safe part. */
export const fileSafe = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .replace(/[^A-Za-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'report';
