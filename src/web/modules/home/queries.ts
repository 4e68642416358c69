import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Home, HomeItem, HomeSection } from '../../../contracts/home.ts';
import { api } from '../../lib/api.ts';

// What needs me (GET /home): sections from every module, items already in my language, section texts as
// locale keys. Fetched afresh whenever the home page opens (it summarises what changes elsewhere), and in the
// language on screen (asked for explicitly: a switch is saved on the account only a moment later).
export type { Home, HomeItem, HomeSection };

export const homeKey = ['home'] as const;

export function useHome() {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  return useQuery({
    queryKey: [...homeKey, lang],
    queryFn: ({ signal }) => api.get<Home>('/home', { lang }, signal),
    refetchOnMount: 'always',
  });
}
