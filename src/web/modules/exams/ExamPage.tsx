import { Alert, Badge, Button, Group, Modal, Stack, Table, Tabs, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconEdit, IconFileImport, IconSend } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { formatDate, formatDateTime, formatNumber, localName, localText } from '../../lib/format.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { EmptyHint } from '../../ui/EmptyHint.tsx';
import { FilterBar, FilterSearch } from '../../ui/FilterBar.tsx';
import { useKeysetList } from '../../ui/keyset.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryFallback } from '../../ui/QueryFallback.tsx';
import { useUrlFilters } from '../../ui/url-filters.ts';
import { FileImportSteps } from '../activities/ImportActivitiesDialog.tsx';
import { definitionOf, ExamFormModal } from './ExamForm.tsx';
import { ExamStatisticsPanel } from './ExamStatisticsPanel.tsx';
import { ExamStatusBadge } from './ExamsPage.tsx';
import {
  type AccessLogEntry,
  type Candidate,
  type Exam,
  examImportTemplateUrl,
  examsKey,
  MAX_EXAM_IMPORT_BYTES,
  type SharedResult,
  useExam,
  useExamImport,
  usePublishExam,
  useUpdateExam,
} from './queries.ts';

const score = (n: number) => formatNumber(n, { maximumFractionDigits: 2 });

/** One exam: its definition, and — by what the server says the caller may do — candidates, statistics, shared results, the access log. */
export function ExamPage() {
  const { id = '' } = useParams();
  const query = useExam(id);
  if (!query.isSuccess) return <QueryFallback query={query} />;
  return <ExamView exam={query.data} />;
}

function ExamView({ exam }: { exam: Exam }) {
  const { t } = useTranslation();
  const p = exam.permissions;
  const [editing, editModal] = useDisclosure(false);
  const [importing, importModal] = useDisclosure(false);
  const [publishing, publishModal] = useDisclosure(false);
  const update = useUpdateExam(exam.id);
  const publish = usePublishExam(exam.id);
  const importer = useExamImport(exam.id);
  const tabs = [
    { value: 'overview', show: true },
    { value: 'candidates', show: p.readCandidates },
    { value: 'statistics', show: p.readCandidates || p.readShared },
    { value: 'shared', show: p.readShared },
    { value: 'accessLog', show: p.readAccessLog },
  ].filter((x) => x.show);
  return (
    <>
      <PageHeader
        title={
          <Group gap="sm">
            {localText(exam.titleVi, exam.titleEn)}
            <ExamStatusBadge status={exam.status} />
            {exam.isSample && <Badge variant="outline">{t('exams.sample')}</Badge>}
          </Group>
        }
        description={t('exams.detail.description', {
          organiser: localText(exam.institutionNameVi, exam.institutionNameEn),
          year: exam.year,
          count: formatNumber(exam.candidateCount),
        })}
        actions={
          p.edit && (
            <>
              <Button variant="default" leftSection={<IconEdit size={16} />} onClick={editModal.open}>
                {t('exams.detail.edit')}
              </Button>
              <Button variant="light" leftSection={<IconFileImport size={16} />} onClick={importModal.open}>
                {t('exams.detail.import')}
              </Button>
              <Button leftSection={<IconSend size={16} />} onClick={publishModal.open} disabled={exam.candidateCount === 0}>
                {t('exams.detail.publish')}
              </Button>
            </>
          )
        }
      />
      {p.edit && exam.candidateCount === 0 && (
        <Alert color="blue" variant="light" mb="md">
          {t('exams.detail.nextImport')}
        </Alert>
      )}
      <Tabs defaultValue="overview" keepMounted={false}>
        <Tabs.List mb="md">
          {tabs.map((x) => (
            <Tabs.Tab key={x.value} value={x.value}>
              {t(`exams.tabs.${x.value}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="overview">
          <Overview exam={exam} />
        </Tabs.Panel>
        <Tabs.Panel value="candidates">
          <Candidates exam={exam} />
        </Tabs.Panel>
        <Tabs.Panel value="statistics">
          <ExamStatisticsPanel examId={exam.id} />
        </Tabs.Panel>
        <Tabs.Panel value="shared">
          <Shared exam={exam} />
        </Tabs.Panel>
        <Tabs.Panel value="accessLog">
          <AccessLog exam={exam} />
        </Tabs.Panel>
      </Tabs>
      <ExamFormModal
        opened={editing}
        onClose={editModal.close}
        initial={definitionOf(exam)}
        pending={update.isPending}
        error={update.error}
        onSubmit={(definition) => update.mutate({ ...definition, version: exam.version }, { onSuccess: editModal.close })}
      />
      <Modal opened={importing} onClose={importModal.close} title={t('examImportDialog.title')} size="xl">
        {importing && (
          <FileImportSteps
            texts="examImportDialog"
            templateUrl={(format) => examImportTemplateUrl(exam.id, format)}
            maxBytes={MAX_EXAM_IMPORT_BYTES}
            upload={importer}
            onClose={importModal.close}
          />
        )}
      </Modal>
      <Modal opened={publishing} onClose={publishModal.close} title={t('exams.detail.publishTitle')}>
        <Stack>
          <Text size="sm">{t('exams.detail.publishText', { count: formatNumber(exam.candidateCount) })}</Text>
          {publish.error && (
            <Alert color="red" variant="light">
              {publish.error.message}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={publishModal.close}>
              {t('common.cancel')}
            </Button>
            <Button loading={publish.isPending} onClick={() => publish.mutate(exam.version, { onSuccess: publishModal.close })}>
              {t('exams.detail.publishConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function Overview({ exam }: { exam: Exam }) {
  const { t } = useTranslation();
  return (
    <Stack gap="lg">
      <Table withTableBorder striped aria-label={t('exams.fields.rounds')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('exams.fields.round')}</Table.Th>
            <Table.Th>{t('exams.fields.dates')}</Table.Th>
            <Table.Th>{t('exams.fields.venues')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {exam.rounds.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>{localName(r)}</Table.Td>
              <Table.Td>{`${formatDate(r.startDate)} – ${formatDate(r.endDate)}`}</Table.Td>
              <Table.Td>{r.venues.join(', ')}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Table withTableBorder striped aria-label={t('exams.fields.subjects')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('exams.fields.subject')}</Table.Th>
            <Table.Th>{t('exams.fields.scale')}</Table.Th>
            <Table.Th>{t('exams.fields.parts')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {exam.subjects.map((s) => (
            <Table.Tr key={s.id}>
              <Table.Td>{localName(s)}</Table.Td>
              <Table.Td>{t('exams.detail.scale', { min: score(s.minScore), max: score(s.maxScore), step: score(s.step) })}</Table.Td>
              <Table.Td>{s.parts.length === 0 ? '—' : s.parts.map((x) => `${localName(x)} ${formatNumber(x.weight)}%`).join(', ')}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

function scoresText(exam: Exam, scores: Candidate['scores']) {
  return scores
    .map((s) => {
      const subject = exam.subjects.find((x) => x.key === s.subjectKey);
      return `${subject ? localName(subject) : s.subjectKey} ${score(s.total)}`;
    })
    .join(' · ');
}

function Candidates({ exam }: { exam: Exam }) {
  const { t } = useTranslation();
  const filters = useUrlFilters(['q'] as const);
  const list = useKeysetList<Candidate>([...examsKey, 'candidates', exam.id], `/exams/${exam.id}/candidates`, filters.values, { limit: 50 });
  const round = (key: string) => {
    const r = exam.rounds.find((x) => x.key === key);
    return r ? localName(r) : key;
  };
  return (
    <DataTable
      label={t('exams.tabs.candidates')}
      {...list}
      rowKey={(c) => c.id}
      filters={
        <FilterBar filters={filters}>
          <FilterSearch name="q" label={t('exams.candidates.search')} />
        </FilterBar>
      }
      empty={<EmptyHint title={t('exams.candidates.emptyTitle')} description={exam.permissions.edit ? t('exams.candidates.emptyImport') : t('exams.candidates.emptyDescription')} />}
      columns={[
        { key: 'number', header: t('exams.fields.candidateNumber'), render: (c) => c.number },
        { key: 'name', header: t('exams.fields.fullName'), render: (c) => c.fullName },
        { key: 'dob', header: t('exams.fields.dateOfBirth'), render: (c) => formatDate(c.dateOfBirth) },
        { key: 'round', header: t('exams.fields.round'), render: (c) => `${round(c.roundKey)} · ${c.venue}` },
        { key: 'scores', header: t('exams.fields.scores'), render: (c) => scoresText(exam, c.scores) },
      ]}
    />
  );
}

function Shared({ exam }: { exam: Exam }) {
  const { t } = useTranslation();
  const filters = useUrlFilters(['candidate'] as const);
  const list = useKeysetList<SharedResult>([...examsKey, 'shared', exam.id], `/exams/${exam.id}/shared-results`, filters.values, { limit: 50 });
  return (
    <Stack gap="sm">
      <Alert color="blue" variant="light">
        {t('exams.shared.notice')}
      </Alert>
      <DataTable
        label={t('exams.tabs.shared')}
        {...list}
        rowKey={(c) => c.id}
        filters={
          <FilterBar filters={filters}>
            <FilterSearch name="candidate" label={t('exams.shared.search')} />
          </FilterBar>
        }
        empty={<EmptyHint title={t('exams.shared.emptyTitle')} description={t('exams.shared.emptyDescription')} />}
        columns={[
          { key: 'number', header: t('exams.fields.candidateNumber'), render: (c) => c.number },
          { key: 'name', header: t('exams.fields.fullName'), render: (c) => c.fullName },
          { key: 'dob', header: t('exams.fields.dateOfBirth'), render: (c) => formatDate(c.dateOfBirth) },
          { key: 'scores', header: t('exams.fields.scores'), render: (c) => scoresText(exam, c.scores) },
          { key: 'consented', header: t('exams.fields.consentedAt'), render: (c) => formatDateTime(c.consentedAt) },
        ]}
      />
    </Stack>
  );
}

function AccessLog({ exam }: { exam: Exam }) {
  const { t } = useTranslation();
  const list = useKeysetList<AccessLogEntry>([...examsKey, 'access', exam.id], `/exams/${exam.id}/access-log`, {}, { limit: 50 });
  return (
    <DataTable
      label={t('exams.tabs.accessLog')}
      {...list}
      rowKey={(e) => e.id}
      empty={<EmptyHint title={t('exams.accessLog.emptyTitle')} description={t('exams.accessLog.emptyDescription')} />}
      columns={[
        { key: 'at', header: t('exams.accessLog.at'), render: (e) => formatDateTime(e.at) },
        { key: 'who', header: t('exams.accessLog.who'), render: (e) => `${localText(e.readerInstitutionNameVi, e.readerInstitutionNameEn)} (${e.readerLabel})` },
        { key: 'count', header: t('exams.accessLog.count'), render: (e) => formatNumber(e.candidateCount) },
        {
          key: 'numbers',
          header: t('exams.accessLog.candidates'),
          render: (e) => (e.candidateNumbers.length < e.candidateCount ? `${e.candidateNumbers.join(', ')} …` : e.candidateNumbers.join(', ')),
        },
      ]}
    />
  );
}
