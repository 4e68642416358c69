import { PasswordInput, type PasswordInputProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A password being chosen: required, with the password rule under it, offered to password managers as new. */
export function NewPasswordInput(props: PasswordInputProps & { label: string }) {
  const { t } = useTranslation();
  return <PasswordInput description={t('auth.passwordRule')} autoComplete="new-password" withAsterisk {...props} />;
}
