import type { TFunction } from 'i18next';
import { AcademicTitles, InstitutionKind, PersonVisibility, UnitKind } from '../../../contracts/directory.ts';
import { currentLanguage } from '../../lib/i18n.ts';

// Choices offered by the directory's selects, labelled in the UI language.
export const institutionKindOptions = (t: TFunction) =>
  InstitutionKind.options.map((kind) => ({ value: kind, label: t(`institutionKinds.${kind}`) }));

export const unitKindOptions = (t: TFunction) => UnitKind.options.map((kind) => ({ value: kind, label: t(`unitKinds.${kind}`) }));

export const visibilityOptions = (t: TFunction) => PersonVisibility.options.map((value) => ({ value, label: t(`visibility.${value}`) }));

export const titleOptions = (current: string | null = null) =>
  [...new Set([...AcademicTitles, ...(current ? [current] : [])])].map((title) => ({ value: title, label: title }));

const COUNTRIES = ['VN', 'RU', 'FR', 'JP', 'KR', 'US', 'GB', 'DE', 'AU', 'SG', 'CN', 'TH'];
const LANGUAGE_CODES = ['vi', 'en', 'fr', 'ru', 'ja', 'ko', 'zh', 'de', 'es', 'th'];

export function countryName(code: string): string {
  try {
    return new Intl.DisplayNames([currentLanguage()], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function languageName(code: string): string {
  try {
    return new Intl.DisplayNames([currentLanguage()], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export const countryOptions = (extra: string[] = []) =>
  [...new Set([...COUNTRIES, ...extra.filter(Boolean)])].map((code) => ({ value: code, label: `${countryName(code)} (${code})` }));

export const languageOptions = (extra: string[] = []) =>
  [...new Set([...LANGUAGE_CODES, ...extra])].map((code) => ({ value: code, label: languageName(code) }));
