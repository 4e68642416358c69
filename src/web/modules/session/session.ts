import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Login, Me } from '../../../contracts/accounts.ts';
import { ApiError, api, rememberCsrfToken } from '../../lib/api.ts';
import { i18n, isLanguage, storeLanguage } from '../../lib/i18n.ts';

// The signed-in user: `null` when nobody is signed in. Everything about the session goes through here.
export const meQueryKey = ['me'] as const;

/** Keeps the CSRF token; by default the account's saved language becomes the UI language. */
function adoptSession(me: Me | null, applyLanguage = true) {
  rememberCsrfToken(me?.csrfToken ?? null);
  if (applyLanguage && me && isLanguage(me.user.language) && me.user.language !== i18n.language) {
    storeLanguage(me.user.language);
    void i18n.changeLanguage(me.user.language);
  }
  return me;
}

async function fetchMe(): Promise<Me | null> {
  try {
    return adoptSession(await api.get<Me>('/me'));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return adoptSession(null);
    throw error;
  }
}

export function useMe() {
  return useQuery({ queryKey: meQueryKey, queryFn: fetchMe, staleTime: 5 * 60_000 });
}

/** For pages inside the signed-in shell, where the session is known to exist. */
export function useSignedInMe(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useSignedInMe used outside the signed-in shell');
  return data;
}

export function useSetSession() {
  const queryClient = useQueryClient();
  return (me: Me | null, applyLanguage = true) => {
    queryClient.setQueryData(meQueryKey, adoptSession(me, applyLanguage));
  };
}

export function useLogin() {
  const setSession = useSetSession();
  return useMutation({
    mutationFn: (body: z.input<typeof Login>) => api.post<Me>('/auth/login', body),
    onSuccess: (me) => setSession(me),
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<unknown>('/auth/logout'),
    onSettled: () => {
      rememberCsrfToken(null);
      queryClient.clear();
      queryClient.setQueryData(meQueryKey, null);
    },
  });
}

/**
 * Saves the UI language on the account. Switches run one after another (same mutation scope), each
 * based on the version the previous one returned, so quick VI → EN → VI clicks never conflict.
 */
export function useSaveLanguage() {
  const queryClient = useQueryClient();
  const setSession = useSetSession();
  return useMutation({
    scope: { id: 'me' },
    mutationFn: (language: 'vi' | 'en') => {
      const me = queryClient.getQueryData<Me | null>(meQueryKey);
      if (!me || me.user.language === language) return Promise.resolve(me ?? null);
      return api.patch<Me>('/me', { language, version: me.user.version });
    },
    // The UI already shows the chosen language; a save finishing late must not switch it back.
    onSuccess: (me) => {
      if (me) setSession(me, false);
    },
  });
}

export function useUpdateMe() {
  const setSession = useSetSession();
  return useMutation({
    scope: { id: 'me' },
    mutationFn: (body: { displayName?: string; language?: 'vi' | 'en'; version: number }) => api.patch<Me>('/me', body),
    onSuccess: (me) => setSession(me),
  });
}
