import { Anchor, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { LinkedAgreement } from '../../../contracts/agreements.ts';
import { api } from '../../lib/api.ts';
import { formatDate } from '../../lib/format.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { wholeList } from '../../ui/keyset.ts';
import { agreementsKey } from '../agreements/queries.ts';
import { localTitle } from '../agreements/options.ts';
import { StatusBadge } from '../agreements/StatusBadge.tsx';

// The agreements of a person (as point of contact) or of an institution (as a party), as far as I may read
// them (GET /people/{id}/agreements, /institutions/{id}/agreements). Cached with the agreements, so an
// agreement's change refreshes them too.

function useLinkedAgreements(owner: 'people' | 'institutions', id: string) {
  return useQuery({
    queryKey: [...agreementsKey, 'linked', owner, id],
    queryFn: ({ signal }) => api.get<{ items: LinkedAgreement[] }>(`/${owner}/${id}/agreements`, undefined, signal).then((r) => r.items),
  });
}

export function LinkedAgreementsTable({ owner, id }: { owner: 'people' | 'institutions'; id: string }) {
  const { t } = useTranslation();
  const list = useLinkedAgreements(owner, id);
  const label = owner === 'people' ? t('linkedAgreements.personTitle') : t('linkedAgreements.tab');
  return (
    <DataTable<LinkedAgreement>
      label={label}
      {...wholeList(list)}
      rowKey={(agreement) => agreement.id}
      columns={[
        {
          key: 'title',
          header: t('linkedAgreements.columns.title'),
          render: (agreement) => (
            <Stack gap={2}>
              <Anchor component={Link} to={`/agreements/${agreement.id}`} fw={500}>
                {localTitle(agreement)}
              </Anchor>
              <Text size="xs" c="dimmed">
                {t(`agreementKinds.${agreement.kind}`)}
              </Text>
            </Stack>
          ),
        },
        ...(owner === 'people'
          ? [
              {
                key: 'areas',
                header: t('linkedAgreements.columns.areas'),
                render: (agreement: LinkedAgreement) => agreement.areas.map((area) => localTitle(area)).join('; '),
              },
            ]
          : []),
        {
          key: 'period',
          header: t('linkedAgreements.columns.period'),
          render: (agreement) =>
            t('linkedAgreements.period', {
              start: formatDate(agreement.startDate),
              end: agreement.endDate ? formatDate(agreement.endDate) : t('linkedAgreements.openEnded'),
            }),
        },
        { key: 'status', header: t('linkedAgreements.columns.status'), render: (agreement) => <StatusBadge status={agreement.status} /> },
      ]}
      empty={
        <Text size="sm" c="dimmed" py="sm">
          {owner === 'people' ? t('linkedAgreements.personEmpty') : t('linkedAgreements.institutionEmpty')}
        </Text>
      }
    />
  );
}
