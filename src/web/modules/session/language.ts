import { useTranslation } from 'react-i18next';
import type { Language } from '../../../locales/index.ts';
import { i18n, storeLanguage } from '../../lib/i18n.ts';
import { notifyError } from '../../lib/form-errors.ts';
import { useMe, useUpdateMe } from './session.ts';

// Switching language applies at once; a signed-in user's choice is saved on their account as well.
export function useLanguageSwitch() {
  const { i18n: instance } = useTranslation();
  const { data: me } = useMe();
  const updateMe = useUpdateMe();
  const switchLanguage = async (language: Language) => {
    storeLanguage(language);
    await i18n.changeLanguage(language);
    if (me && me.user.language !== language) {
      updateMe.mutate({ language, version: me.user.version }, { onError: notifyError });
    }
  };
  return { language: instance.language as Language, switchLanguage };
}
