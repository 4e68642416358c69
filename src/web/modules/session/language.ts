import { useTranslation } from 'react-i18next';
import type { Language } from '../../../locales/index.ts';
import { notifyError } from '../../lib/form-errors.ts';
import { i18n, storeLanguage } from '../../lib/i18n.ts';
import { useMe, useSaveLanguage } from './session.ts';

// Switching language applies at once; a signed-in user's choice is saved on their account as well.
export function useLanguageSwitch() {
  const { i18n: instance } = useTranslation();
  const { data: me } = useMe();
  const saveLanguage = useSaveLanguage();
  const switchLanguage = async (language: Language) => {
    storeLanguage(language);
    await i18n.changeLanguage(language);
    if (me) saveLanguage.mutate(language, { onError: notifyError });
  };
  return { language: instance.language as Language, switchLanguage };
}
