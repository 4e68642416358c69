import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../../locales/index.ts';
import { useLanguageSwitch } from '../modules/session/language.ts';

/** VI | EN in the header; remembered per user when signed in, in the browser before. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const { language, switchLanguage } = useLanguageSwitch();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('language.switch')}
      value={language}
      onChange={(value) => void switchLanguage(value as (typeof LANGUAGES)[number])}
      data={LANGUAGES.map((code) => ({ value: code, label: t(`language.short.${code}`) }))}
    />
  );
}
