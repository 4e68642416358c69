import type { ComboboxItem, OptionsFilter } from '@mantine/core';
import type { TFunction } from 'i18next';
import {
  AgreementKind,
  AgreementStatus,
  AgreementVisibility,
  AreaKind,
  type AgreementStatus as Status,
  RenewalRule,
} from '../../../contracts/agreements.ts';
import { currentLanguage } from '../../lib/i18n.ts';

// Choices and colours of the agreement screens, labelled in the UI language (names from server.json:
// statuses.*, agreementKinds.*, areaKinds.*).

/** Colours say where an agreement is: grey while drafted, blue/violet in talks, green in force, orange near its end. */
export const STATUS_COLORS: Record<Status, string> = {
  draft: 'gray',
  negotiation: 'blue',
  awaiting_approval: 'violet',
  active: 'teal',
  expiring: 'orange',
  expired: 'dark',
  terminated: 'red',
  renewed: 'cyan',
};

export const STATUSES = AgreementStatus.options;

export const statusOptions = (t: TFunction) => STATUSES.map((value) => ({ value, label: t(`statuses.${value}`) }));
export const agreementKindOptions = (t: TFunction) => AgreementKind.options.map((value) => ({ value, label: t(`agreementKinds.${value}`) }));
export const areaKindOptions = (t: TFunction) => AreaKind.options.map((value) => ({ value, label: t(`areaKinds.${value}`) }));
export const renewalOptions = (t: TFunction) => RenewalRule.options.map((value) => ({ value, label: t(`agreements.renewal.${value}`) }));
export const visibilityOptions = (t: TFunction) =>
  AgreementVisibility.options.map((value) => ({ value, label: t(`agreements.visibility.${value}`) }));

/** Agreements stored in both languages: the title in the UI language. */
export function localTitle(record: { titleVi: string; titleEn: string }): string {
  return currentLanguage() === 'vi' ? record.titleVi : record.titleEn;
}

/** The first characters of a content hash, enough to tell versions apart at a glance. */
export const shortHash = (hash: string) => hash.slice(0, 8);

/** Kinds that need a framework agreement above them. */
export const needsParent = (kind: string) => kind === 'specific' || kind === 'annex';

/** The platform's calendar day (Vietnam, UTC+7) as YYYY-MM-DD: the day agreements come into force. */
export function todayInVietnam(now = new Date()): string {
  return new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

/** Lower case without diacritics (đ → d): "Cán bộ" and "can bo" compare equal. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd').toLowerCase();
}

/** A Mantine select filter where every typed word, with or without diacritics, must occur in the label. */
export const foldedFilter: OptionsFilter = ({ options, search }) => {
  const words = fold(search).split(/\s+/).filter(Boolean);
  return (options as ComboboxItem[]).filter((option) => {
    const label = fold(option.label);
    return words.every((word) => label.includes(word));
  });
};
