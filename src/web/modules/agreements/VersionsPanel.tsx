import { Badge, Group, Loader, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Agreement } from '../../../contracts/agreements.ts';
import { formatDateTime } from '../../lib/format.ts';
import { QueryError } from '../../ui/QueryError.tsx';
import { QueryFallback } from '../../ui/QueryFallback.tsx';
import { ActorName } from './ActorName.tsx';
import { DiffTable } from './DiffTable.tsx';
import { fullContent } from './full-content.ts';
import type { DiffNames } from './diff-words.ts';
import { shortHash } from './options.ts';
import { useDiff, useMetrics, useVersionDetail, useVersions } from './queries.ts';

/** Every version with its hash; pick two to see what changed between them, in words. */
export function VersionsPanel({ agreement }: { agreement: Agreement }) {
  const { t } = useTranslation();
  const versions = useVersions(agreement.id);
  const latest = agreement.versionNo;
  const [from, setFrom] = useState<number | null>(latest > 1 ? latest - 1 : null);
  const [to, setTo] = useState<number | null>(latest > 1 ? latest : null);
  const diff = useDiff(agreement.id, from, to);
  const fromDetail = useVersionDetail(agreement.id, from);
  const toDetail = useVersionDetail(agreement.id, to);
  const metrics = useMetrics();

  if (!versions.isSuccess) return <QueryFallback query={versions} py="md" size="sm" />;

  const options = versions.data.map((v) => ({ value: String(v.versionNo), label: t('agreements.versionShort', { n: v.versionNo }) }));
  const names: DiffNames = {
    codes: Object.fromEntries(agreement.parties.map((p) => [p.institutionId, p.code])),
    people: agreement.people,
    contents: [fromDetail.data?.content, toDetail.data?.content, fullContent(agreement)].filter((c) => c !== undefined),
    metrics: Object.fromEntries((metrics.data ?? []).map((m) => [m.code, m])),
  };

  return (
    <Stack gap="md">
      <Table.ScrollContainer minWidth={520}>
        <Table verticalSpacing="xs" fz="sm" aria-label={t('agreements.versions.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('fields.version')}</Table.Th>
              <Table.Th>{t('fields.contentHash')}</Table.Th>
              <Table.Th>{t('agreements.versions.savedBy')}</Table.Th>
              <Table.Th>{t('fields.changeNote')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {versions.data.map((version) => (
              <Table.Tr key={version.versionNo}>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Text size="sm" fw={500}>
                      {version.versionNo}
                    </Text>
                    {version.versionNo === latest && (
                      <Badge size="xs" variant="light" tt="none" miw="max-content">
                        {t('agreements.versions.current')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td ff="monospace" title={version.contentHash}>
                  {shortHash(version.contentHash)}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    <ActorName name={version.createdByName} email={version.createdByEmail} />
                  </Text>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(version.createdAt)}
                  </Text>
                </Table.Td>
                <Table.Td>{version.changeNote ?? <Text span c="dimmed">—</Text>}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      {versions.data.length > 1 ? (
        <Stack gap="sm">
          <Title order={3} size="h5">
            {t('agreements.versions.compare')}
          </Title>
          <Group gap="sm" align="flex-end">
            <Select
              label={t('agreements.versions.from')}
              data={options}
              value={from === null ? null : String(from)}
              onChange={(value) => setFrom(value ? Number(value) : null)}
              allowDeselect={false}
              w={160}
            />
            <Select
              label={t('agreements.versions.to')}
              data={options}
              value={to === null ? null : String(to)}
              onChange={(value) => setTo(value ? Number(value) : null)}
              allowDeselect={false}
              w={160}
            />
          </Group>
          {from === to && (
            <Text size="sm" c="dimmed">
              {t('agreements.versions.pickTwo')}
            </Text>
          )}
          {diff.isFetching && !diff.data && <Loader size="sm" aria-label={t('common.loading')} />}
          {diff.error && <QueryError error={diff.error} onRetry={() => void diff.refetch()} />}
          {diff.data && from !== to && <DiffTable entries={diff.data.entries} names={names} />}
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          {t('agreements.versions.onlyOne')}
        </Text>
      )}
    </Stack>
  );
}
