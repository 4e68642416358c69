import { currentLanguage } from './i18n.ts';

// Dates and numbers follow the UI language: vi → 23/11/2025, 1.234,5; en → 23/11/2025 (en-GB), 1,234.5.
const LOCALES = { vi: 'vi-VN', en: 'en-GB' } as const;

function locale(): string {
  return LOCALES[currentLanguage()];
}

export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return '';
  const date = typeof value === 'string' ? new Date(value) : value;
  return new Intl.DateTimeFormat(locale(), { day: '2-digit', month: '2-digit', year: 'numeric' }).format(date);
}

export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return '';
  const date = typeof value === 'string' ? new Date(value) : value;
  const time = new Intl.DateTimeFormat(locale(), { hour: '2-digit', minute: '2-digit', hour12: false }).format(date);
  return `${formatDate(date)} ${time}`;
}

export function formatNumber(value: number, options: Intl.NumberFormatOptions = {}): string {
  return new Intl.NumberFormat(locale(), options).format(value);
}

/** The name in the UI language, for records stored in both languages. */
export function localName(record: { nameVi: string; nameEn: string }): string {
  return currentLanguage() === 'vi' ? record.nameVi : record.nameEn;
}

export function localText(vi: string | null, en: string | null): string {
  return (currentLanguage() === 'vi' ? (vi ?? en) : (en ?? vi)) ?? '';
}
