import { Alert, Button, Group, Tabs } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconEdit } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { formatNumber, localText } from '../../lib/format.ts';
import { FormModal } from '../../ui/FormModal.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryFallback } from '../../ui/QueryFallback.tsx';
import { SeasonStatusBadge } from './badges.tsx';
import { DeleteSeasonButton } from './DeleteSeasonButton.tsx';
import { EquivalencePanel } from './EquivalencePanel.tsx';
import { PreferencesPanel } from './PreferencesPanel.tsx';
import { ProgramsPanel } from './ProgramsPanel.tsx';
import { isActive, type Run, type Season, useRuns, useSeason } from './queries.ts';
import { RunsPanel } from './RunsPanel.tsx';
import { SeasonForm } from './SeasonForm.tsx';
import { SeasonMembers } from './SeasonMembers.tsx';

const TABS = ['programs', 'equivalence', 'preferences', 'runs'] as const;

/** One season: its programs, the candidates' preferences, and the matching runs. The open tab is in the URL. */
export function SeasonPage() {
  const { id = '' } = useParams();
  const query = useSeason(id);
  if (!query.isSuccess) return <QueryFallback query={query} />;
  return <SeasonView season={query.data} />;
}

/** What to do next, from what the season holds and its runs (newest first). */
function nextStep(season: Season, runs: Run[] | undefined): string | null {
  if (season.status === 'published' || runs === undefined) return null;
  if (season.programCount === 0) return 'admissions.season.nextPrograms';
  if (season.preferenceCount === 0) return 'admissions.season.nextPreferences';
  const done = runs.filter((r) => r.status === 'done');
  if (done.length === 0) return runs.some(isActive) ? null : 'admissions.season.nextRun';
  if (!done.some((r) => r.kind === 'final')) return 'admissions.season.nextFinal';
  return season.publishedRunId === null ? 'admissions.season.nextPublish' : null;
}

function SeasonView({ season }: { season: Season }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [editing, editModal] = useDisclosure(false);
  const tab = TABS.find((x) => x === params.get('tab')) ?? 'programs';
  const runs = useRuns(season.id);
  const next = season.permissions.manage ? nextStep(season, runs.data?.items) : null;
  return (
    <>
      <PageHeader
        title={
          <Group gap="sm">
            {localText(season.titleVi, season.titleEn)}
            <SeasonStatusBadge status={season.status} />
          </Group>
        }
        description={t('admissions.season.description', {
          year: season.year,
          programs: formatNumber(season.programCount),
          preferences: formatNumber(season.preferenceCount),
        })}
        actions={
          season.permissions.manage && (
            <>
              <Button variant="default" leftSection={<IconEdit size={16} />} onClick={editModal.open}>
                {t('common.edit')}
              </Button>
              <DeleteSeasonButton season={season} />
            </>
          )
        }
      />
      {season.consortiumId && <SeasonMembers season={season} hasRuns={runs.data && runs.data.items.length > 0} />}
      {next && (
        <Alert color="blue" variant="light" mb="md">
          {t(next)}
        </Alert>
      )}
      <Tabs
        value={tab}
        onChange={(value) => setParams(value && value !== 'programs' ? { tab: value } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          {TABS.map((x) => (
            <Tabs.Tab key={x} value={x}>
              {t(`admissions.tabs.${x}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="programs">
          <ProgramsPanel season={season} />
        </Tabs.Panel>
        <Tabs.Panel value="equivalence">
          <EquivalencePanel season={season} />
        </Tabs.Panel>
        <Tabs.Panel value="preferences">
          <PreferencesPanel season={season} />
        </Tabs.Panel>
        <Tabs.Panel value="runs">
          <RunsPanel season={season} />
        </Tabs.Panel>
      </Tabs>
      <FormModal opened={editing} onClose={editModal.close} title={t('admissions.season.editTitle')}>
        <SeasonForm season={season} onDone={editModal.close} />
      </FormModal>
    </>
  );
}
