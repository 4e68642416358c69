import { SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { HomeSectionCard } from '../modules/home/HomeSectionCard.tsx';
import { useHome } from '../modules/home/queries.ts';
import { useSignedInMe } from '../modules/session/session.ts';
import { EmptyHint } from '../ui/EmptyHint.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { QueryFallback } from '../ui/QueryFallback.tsx';

/**
 * Where a signed-in user lands: what needs them, section by section as the server's modules report it
 * (GET /home). Sections with something to do come first; an empty one says what to do next.
 */
export function HomePage() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const home = useHome();
  return (
    <>
      <PageHeader title={t('home.title')} description={t('home.greeting', { name: me.user.displayName })} />
      {!home.isSuccess ? (
        <QueryFallback query={home} />
      ) : home.data.sections.length === 0 ? (
        <EmptyHint title={t('home.nothingTitle')} description={t('home.nothingHint')} />
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" style={{ alignItems: 'start' }}>
          {[...home.data.sections]
            .sort((a, b) => Number(a.count === 0) - Number(b.count === 0))
            .map((section) => (
              <HomeSectionCard key={section.key} section={section} />
            ))}
        </SimpleGrid>
      )}
    </>
  );
}
