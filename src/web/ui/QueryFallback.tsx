import { Center, Loader, type MantineSize } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { QueryError } from './QueryError.tsx';

/**
 * What shows instead of a query's view until it has data: a spinner while it loads, the error with a
 * way to try again when it failed. Use as `if (!query.isSuccess) return <QueryFallback query={query} />;`
 * (after which `query.data` is there).
 */
export function QueryFallback({
  query,
  py = 'xl',
  size,
}: {
  query: { isPending: boolean; error: unknown; refetch: () => unknown };
  py?: MantineSize;
  size?: MantineSize;
}) {
  const { t } = useTranslation();
  if (query.isPending) {
    return (
      <Center py={py}>
        <Loader size={size} aria-label={t('common.loading')} />
      </Center>
    );
  }
  return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
}
