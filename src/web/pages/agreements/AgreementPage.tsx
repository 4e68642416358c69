import { Anchor, Badge, Card, Grid, Group, SimpleGrid, Stack, Tabs, Text, Title, Tooltip } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Agreement } from '../../../contracts/agreements.ts';
import { formatDate } from '../../lib/format.ts';
import { AgreementContentView } from '../../modules/agreements/AgreementContentView.tsx';
import { ApprovalsPanel } from '../../modules/agreements/ApprovalsPanel.tsx';
import { CommentsPanel } from '../../modules/agreements/CommentsPanel.tsx';
import { DocumentsPanel } from '../../modules/agreements/DocumentsPanel.tsx';
import { LifecyclePanel } from '../../modules/agreements/LifecyclePanel.tsx';
import { localTitle, shortHash, todayInVietnam } from '../../modules/agreements/options.ts';
import { PrivateNotePanel } from '../../modules/agreements/PrivateNotePanel.tsx';
import { useAgreement } from '../../modules/agreements/queries.ts';
import { StatusBadge } from '../../modules/agreements/StatusBadge.tsx';
import { TimelinePanel } from '../../modules/agreements/TimelinePanel.tsx';
import { VersionsPanel } from '../../modules/agreements/VersionsPanel.tsx';
import { ACTIVITY_FILTERS, ActivitiesPanel, mayShowActivities } from '../../modules/activities/ActivitiesPanel.tsx';
import { ProgressPanel } from '../../modules/activities/ProgressPanel.tsx';
import { useAgreementProgress } from '../../modules/activities/queries.ts';
import { AgreementDelegations } from '../../modules/delegations/AgreementDelegations.tsx';
import { AgreementDownloads } from '../../modules/reports/DownloadMenus.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryFallback } from '../../ui/QueryFallback.tsx';
import { useUrlFilters } from '../../ui/url-filters.ts';

const TABS = ['content', 'activities', 'versions', 'discussion', 'timeline'] as const;

export function AgreementPage() {
  const { id = '' } = useParams();
  const agreement = useAgreement(id);
  // Arriving at an agreement (after saving it in the editor, from a long list) starts at its top, not where the
  // previous page was scrolled to.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the effect runs again when another agreement is opened
  useEffect(() => {
    window.scrollTo({ top: 0 });
  }, [id]);
  if (!agreement.isSuccess) return <QueryFallback query={agreement} />;
  return <AgreementView agreement={agreement.data} />;
}

function AgreementView({ agreement }: { agreement: Agreement }) {
  const { t } = useTranslation();
  const urlFilters = useUrlFilters(['tab', ...ACTIVITY_FILTERS]);
  const { values, setFilter, setFilters } = urlFilters;
  // Each reader sees what is for them (docs/agreement-visibility.md): the server says which, in permissions.
  const { readVersions, readDiscussion, readNote, readDocuments, readApprovals } = agreement.permissions;
  // Progress and activities are the parties' (the API answers 404 to everyone else): shown once it answers.
  const progress = useAgreementProgress(agreement.id, mayShowActivities(agreement));
  const readActivities = progress.isSuccess;
  const shown: Record<(typeof TABS)[number], boolean> = {
    content: true,
    activities: readActivities,
    versions: readVersions,
    discussion: readDiscussion,
    timeline: true,
  };
  const tab = TABS.find((x) => x === values.tab && shown[x]) ?? 'content';
  const today = todayInVietnam();
  return (
    <>
      <PageHeader
        title={localTitle(agreement.content)}
        actions={
          <AgreementDownloads
            agreement={agreement}
            readActivities={readActivities}
            activityFilters={{ status: values.status, kind: values.kind, areaKey: values.areaKey, year: values.year, q: values.q }}
          />
        }
        description={
          <Group gap={8} component="span" wrap="wrap">
            <StatusBadge
              status={agreement.status}
              size="lg"
              aria-label={`${t('fields.status')}: ${t(`statuses.${agreement.status}`)}`}
            />
            <Badge variant="outline" color="gray" tt="none">
              {t(`agreementKinds.${agreement.content.kind}`)}
            </Badge>
            <Tooltip label={t('agreements.hashTooltip', { hash: agreement.contentHash })} multiline maw={320} style={{ wordBreak: 'break-all' }}>
              <Badge variant="light" color="gray" tt="none" ff="monospace">
                {t('agreements.versionShort', { n: agreement.versionNo })} · {shortHash(agreement.contentHash)}
              </Badge>
            </Tooltip>
            <Text span size="sm" c="dimmed">
              {formatDate(agreement.content.startDate)} –{' '}
              {agreement.content.endDate ? formatDate(agreement.content.endDate) : t('agreements.openEnded')}
            </Text>
          </Group>
        }
      />
      <Stack gap="lg">
        <LifecyclePanel agreement={agreement} today={today} />
        <AgreementDelegations agreementId={agreement.id} />
        {progress.isSuccess && (
          <ProgressPanel
            progress={progress.data}
            onShowRecords={(records) => {
              setFilters({ tab: 'activities', target: null, commitment: null, ...records });
              document.getElementById('agreement-tabs')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
            }}
          />
        )}
        <Grid gap="lg">
          {/* The activities' table takes the whole width; the side panels follow below it. */}
          <Grid.Col span={{ base: 12, md: tab === 'activities' ? 12 : 8 }}>
            <Card withBorder padding="lg" id="agreement-tabs">
              <Tabs value={tab} onChange={(value) => setFilter('tab', value === 'content' ? null : value)} keepMounted={false}>
                <Tabs.List mb="md">
                  <Tabs.Tab value="content">{t('agreements.tabs.content')}</Tabs.Tab>
                  {readActivities && (
                    <Tabs.Tab value="activities">
                      {t('activities.tab', {
                        n: progress.data.activities.done + progress.data.activities.planned + progress.data.activities.cancelled,
                      })}
                    </Tabs.Tab>
                  )}
                  {readVersions && <Tabs.Tab value="versions">{t('agreements.tabs.versions', { n: agreement.versionNo })}</Tabs.Tab>}
                  {readDiscussion && <Tabs.Tab value="discussion">{t('agreements.tabs.discussion')}</Tabs.Tab>}
                  <Tabs.Tab value="timeline">{t('agreements.tabs.timeline')}</Tabs.Tab>
                </Tabs.List>
                <Tabs.Panel value="content">
                  <AgreementContentView agreement={agreement} />
                </Tabs.Panel>
                {readActivities && (
                  <Tabs.Panel value="activities">
                    <ActivitiesPanel agreement={agreement} progress={progress.data} urlFilters={urlFilters} />
                  </Tabs.Panel>
                )}
                {readVersions && (
                  <Tabs.Panel value="versions">
                    <VersionsPanel agreement={agreement} />
                  </Tabs.Panel>
                )}
                {readDiscussion && (
                  <Tabs.Panel value="discussion">
                    <CommentsPanel agreement={agreement} />
                  </Tabs.Panel>
                )}
                <Tabs.Panel value="timeline">
                  <TimelinePanel agreementId={agreement.id} />
                </Tabs.Panel>
              </Tabs>
            </Card>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: tab === 'activities' ? 12 : 4 }}>
            <SimpleGrid cols={{ base: 1, md: tab === 'activities' ? 3 : 1 }} spacing="lg">
              {readApprovals && <ApprovalsPanel agreement={agreement} />}
              {readDocuments && <DocumentsPanel agreement={agreement} />}
              {readNote && <PrivateNotePanel agreement={agreement} />}
              <RelatedPanel agreement={agreement} />
            </SimpleGrid>
          </Grid.Col>
        </Grid>
      </Stack>
    </>
  );
}

/** The framework above, the specific agreements and annexes under it, the one it renews and its successor. */
function RelatedPanel({ agreement }: { agreement: Agreement }) {
  const { t } = useTranslation();
  const parent = agreement.content.parentId;
  const links = [
    parent && { to: parent, label: t('agreements.related.parent') },
    agreement.predecessorId && { to: agreement.predecessorId, label: t('agreements.related.predecessor') },
    agreement.successorId && { to: agreement.successorId, label: t('agreements.related.successor') },
  ].filter(Boolean) as { to: string; label: string }[];
  if (links.length === 0 && agreement.children.length === 0) return null;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="related-title">
      <Stack gap="xs">
        <Title order={2} size="h4" id="related-title">
          {t('agreements.related.title')}
        </Title>
        {links.map((link) => (
          <Anchor key={link.label} component={Link} to={`/agreements/${link.to}`} size="sm">
            {link.label}
          </Anchor>
        ))}
        {agreement.children.length > 0 && (
          <>
            <Text size="sm" fw={600}>
              {t('agreements.related.children')}
            </Text>
            {agreement.children.map((child) => (
              <Group key={child.id} gap={6} wrap="nowrap">
                <StatusBadge status={child.status} size="xs" />
                <Anchor component={Link} to={`/agreements/${child.id}`} size="sm">
                  {localTitle(child)}
                </Anchor>
              </Group>
            ))}
          </>
        )}
      </Stack>
    </Card>
  );
}
