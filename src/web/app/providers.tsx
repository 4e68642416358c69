import { createTheme, MantineProvider, Modal, MultiSelect, PasswordInput, Select, TagsInput } from '@mantine/core';
import { DateInput, DatesProvider } from '@mantine/dates';
import { Notifications } from '@mantine/notifications';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import 'dayjs/locale/vi';
import 'dayjs/locale/en';
import { type ReactNode, useMemo } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { ApiError } from '../lib/api.ts';
import { i18n } from '../lib/i18n.ts';
import { meQueryKey } from '../modules/session/session.ts';

// The theme carries the accessible names of Mantine's built-in buttons, so it follows the language.
function useLocalizedTheme() {
  const { i18n: instance } = useTranslation();
  const language = instance.language;
  return useMemo(() => {
    const t = i18n.getFixedT(language);
    const clear = { clearButtonProps: { 'aria-label': t('common.clear') } };
    return createTheme({
      primaryColor: 'indigo',
      defaultRadius: 'md',
      fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif',
      components: {
        PasswordInput: PasswordInput.extend({
          defaultProps: { visibilityToggleButtonProps: { 'aria-label': t('common.togglePassword') } },
        }),
        Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': t('common.close') } } }),
        Select: Select.extend({ defaultProps: clear }),
        MultiSelect: MultiSelect.extend({ defaultProps: clear }),
        TagsInput: TagsInput.extend({ defaultProps: clear }),
        DateInput: DateInput.extend({ defaultProps: clear }),
      },
    });
  }, [language]);
}

function LocalizedMantine({ children }: { children: ReactNode }) {
  const { i18n: instance } = useTranslation();
  return (
    <MantineProvider theme={useLocalizedTheme()} defaultColorScheme="light">
      <DatesProvider settings={{ locale: instance.language, firstDayOfWeek: 1 }}>{children}</DatesProvider>
    </MantineProvider>
  );
}

// A 401 on any request means the session ended: re-check it, and the shell sends the user to sign in.
function onUnauthenticated(error: unknown, key?: readonly unknown[]) {
  if (error instanceof ApiError && error.status === 401 && key?.[0] !== meQueryKey[0]) {
    void queryClient.invalidateQueries({ queryKey: meQueryKey });
  }
}

const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: (error, query) => onUnauthenticated(error, query.queryKey) }),
  mutationCache: new MutationCache({ onError: (error) => onUnauthenticated(error, []) }),
  defaultOptions: {
    queries: {
      retry: (failures, error) => !(error instanceof ApiError && error.status > 0 && error.status < 500) && failures < 2,
      refetchOnWindowFocus: false,
      staleTime: 15_000,
    },
  },
});

export function Providers({ children }: { children: ReactNode }) {
  return (
    <I18nextProvider i18n={i18n}>
      <LocalizedMantine>
        <Notifications position="top-right" />
        <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
      </LocalizedMantine>
    </I18nextProvider>
  );
}
