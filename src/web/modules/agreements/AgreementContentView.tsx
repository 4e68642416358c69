import { Alert, Anchor, Badge, Card, Group, List, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconSpeakerphone } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Agreement } from '../../../contracts/agreements.ts';
import { formatDate, formatNumber, localName, localText } from '../../lib/format.ts';
import { DetailList } from '../../ui/DetailList.tsx';
import { commitmentRecipient, showsKind } from './area-display.ts';
import { localTitle } from './options.ts';
import { useMetrics } from './queries.ts';

type Area = Agreement['content']['areas'][number];

/**
 * What the parties agree on: terms, parties, and each area with its contacts, commitments and targets. Other
 * institutions read the announcement (`view: 'announcement'`, docs/agreement-visibility.md): what the server
 * leaves out is absent, and a note says so.
 */
export function AgreementContentView({ agreement }: { agreement: Agreement }) {
  const { t } = useTranslation();
  const { content } = agreement;
  const summary = localText(content.summaryVi || null, content.summaryEn || null);
  return (
    <Stack gap="lg">
      {agreement.view === 'announcement' && (
        <Alert color="blue" variant="light" icon={<IconSpeakerphone />} p="sm">
          <Text size="sm">{t(agreement.visibility === 'consortium' ? 'agreements.announcement.consortium' : 'agreements.announcement.public')}</Text>
        </Alert>
      )}
      {summary && (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {summary}
        </Text>
      )}
      <DetailList
        items={[
          { label: t('fields.kind'), value: t(`agreementKinds.${content.kind}`) },
          { label: t('agreements.columns.period'), value: period(t, content.startDate, content.endDate) },
          { label: t('fields.signingDate'), value: content.signingDate ? formatDate(content.signingDate) : null },
          { label: t('fields.signingPlace'), value: content.signingPlace },
          content.renewal && {
            label: t('fields.renewal'),
            value:
              t(`agreements.renewal.${content.renewal}`) +
              (content.renewalYears ? ` (${t('agreements.renewalYears', { count: content.renewalYears })})` : ''),
          },
          { label: t('fields.visibility'), value: t(`agreements.visibility.${agreement.visibility}`) },
          { label: currentOtherTitleLabel(t), value: otherTitle(content) },
        ].filter((item) => item !== undefined)}
      />

      <Stack gap="xs">
        <Title order={2} size="h4">
          {t('fields.parties')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {agreement.parties.map((party) => (
            <Paper key={party.institutionId} withBorder p="sm" radius="md">
              <Group gap={6} wrap="nowrap" align="flex-start">
                <Badge variant="outline" miw="max-content">{party.code}</Badge>
                <Stack gap={0} style={{ minWidth: 0 }}>
                  <Anchor component={Link} to={`/institutions/${party.institutionId}`} size="sm" fw={500}>
                    {localName(party)}
                  </Anchor>
                  {party.unitId && (
                    <Text size="xs" c="dimmed">
                      {localText(party.unitNameVi, party.unitNameEn)}
                    </Text>
                  )}
                  <Text size="xs" c="dimmed">
                    {t(`institutionKinds.${party.kind}`)}
                  </Text>
                </Stack>
              </Group>
            </Paper>
          ))}
        </SimpleGrid>
      </Stack>

      <Stack gap="xs">
        <Title order={2} size="h4">
          {t('fields.areas')}
        </Title>
        {content.areas.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('agreements.noAreas')}
          </Text>
        )}
        {content.areas.map((area) => (
          <AreaView key={area.key} area={area} agreement={agreement} />
        ))}
      </Stack>
    </Stack>
  );
}

function period(t: (key: string) => string, start: string, end: string | null) {
  return `${formatDate(start)} – ${end ? formatDate(end) : t('agreements.openEnded')}`;
}

const currentOtherTitleLabel = (t: (key: string) => string) => t('agreements.otherLanguageTitle');
const otherTitle = (content: Agreement['content']) => (localTitle(content) === content.titleVi ? content.titleEn : content.titleVi);

function AreaView({ area, agreement }: { area: Area; agreement: Agreement }) {
  const { t } = useTranslation();
  const metrics = useMetrics();
  const code = (id: string | null) => (id ? (agreement.parties.find((p) => p.institutionId === id)?.code ?? '?') : t('agreements.allOtherParties'));
  const metricName = (codeName: string) => {
    const metric = metrics.data?.find((m) => m.code === codeName);
    return metric ? localName(metric) : t(`metrics.${codeName}`);
  };
  const description = localText(area.descriptionVi || null, area.descriptionEn || null);
  // Absent in the announcement: the server leaves them out for non-parties.
  const { contacts, commitments = [], targets = [] } = area;
  return (
    <Card withBorder padding="md" radius="md" component="article" aria-label={localTitle(area)}>
      <Stack gap="sm">
        <Group gap={8}>
          {/* area-display.ts: the kind only when the title is not just the kind's name. */}
          {showsKind(localTitle(area), t(`areaKinds.${area.kind}`)) && (
            <Badge variant="light" color="grape" tt="none">
              {t(`areaKinds.${area.kind}`)}
            </Badge>
          )}
          <Title order={3} size="h5">
            {localTitle(area)}
          </Title>
        </Group>
        {description && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {description}
          </Text>
        )}
        {contacts && (
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              {t('fields.contacts')}
            </Text>
            {contacts.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('agreements.noContacts')}
              </Text>
            ) : (
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={4}>
                {contacts.map((contact) => {
                  const person = agreement.people[contact.personId];
                  return (
                    <Group key={contact.institutionId} gap={6} wrap="nowrap">
                      <Badge variant="outline" size="sm" miw="max-content">
                        {code(contact.institutionId)}
                      </Badge>
                      <Anchor component={Link} to={`/people/${contact.personId}`} size="sm">
                        {person ? [person.title, person.fullName].filter(Boolean).join(' ') : '—'}
                      </Anchor>
                    </Group>
                  );
                })}
              </SimpleGrid>
            )}
          </Stack>
        )}
        {commitments.length > 0 && (
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              {t('fields.commitments')}
            </Text>
            <List size="sm" spacing={4}>
              {commitments.map((commitment) => (
                <List.Item key={commitment.key}>
                  <Text span fw={500}>
                    {code(commitment.fromInstitutionId)} → {code(commitmentRecipient(commitment, agreement.parties.map((p) => p.institutionId)))}:
                  </Text>{' '}
                  {localText(commitment.textVi, commitment.textEn)}
                  {commitment.quantity !== null && (
                    <Text span c="dimmed">
                      {' '}
                      ({formatNumber(commitment.quantity)}
                      {commitment.perYear ? ` ${t('agreements.perYear')}` : ''})
                    </Text>
                  )}
                </List.Item>
              ))}
            </List>
          </Stack>
        )}
        {targets.length > 0 && (
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              {t('fields.targets')}
            </Text>
            <Table.ScrollContainer minWidth={380}>
              <Table fz="sm" verticalSpacing={4} withTableBorder aria-label={`${t('fields.targets')} — ${localTitle(area)}`}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('fields.metric')}</Table.Th>
                    <Table.Th>{t('agreements.columns.period')}</Table.Th>
                    <Table.Th ta="right">{t('fields.value')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {targets.map((target) => (
                    <Table.Tr key={target.key}>
                      <Table.Td>{metricName(target.metric)}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        {formatDate(target.periodStart)} – {formatDate(target.periodEnd)}
                      </Table.Td>
                      <Table.Td ta="right">{formatNumber(target.value)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
