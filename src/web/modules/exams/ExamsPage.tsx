import { Anchor, Badge, Button } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { formatDate, formatNumber, localText } from '../../lib/format.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { EmptyHint } from '../../ui/EmptyHint.tsx';
import { wholeList } from '../../ui/keyset.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useSignedInMe } from '../session/session.ts';
import { ExamFormModal } from './ExamForm.tsx';
import { type ExamSummary, useCreateExam, useExams } from './queries.ts';

export function ExamStatusBadge({ status }: { status: ExamSummary['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge color={status === 'published' ? 'teal' : 'gray'} variant="light">
      {t(`exams.status.${status}`)}
    </Badge>
  );
}

/** The exams I run (my institution's) and those whose results are shared with my institution. */
export function ExamsPage() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const query = useExams();
  const create = useCreateExam();
  const navigate = useNavigate();
  const [opened, modal] = useDisclosure(false);
  const mine = (e: ExamSummary) => e.institutionId === me.institution.id;
  const newExam = me.permissions.runExams ? (
    <Button leftSection={<IconPlus size={16} />} onClick={modal.open}>
      {t('exams.list.create')}
    </Button>
  ) : undefined;
  return (
    <>
      <PageHeader title={t('exams.list.title')} description={t('exams.list.description')} actions={newExam} />
      <DataTable
        label={t('exams.list.title')}
        {...wholeList({ ...query, data: query.data?.items })}
        rowKey={(e) => e.id}
        empty={
          <EmptyHint
            title={t('exams.list.emptyTitle')}
            description={me.permissions.runExams ? t('exams.list.emptyOrganiser') : t('exams.list.emptyAdmissions')}
            action={newExam}
          />
        }
        columns={[
          {
            key: 'title',
            header: t('exams.fields.title'),
            render: (e) => (
              <Anchor component={Link} to={`/exams/${e.id}`}>
                {localText(e.titleVi, e.titleEn)}
              </Anchor>
            ),
          },
          { key: 'organiser', header: t('exams.fields.organiser'), render: (e) => (mine(e) ? t('exams.list.ours') : localText(e.institutionNameVi, e.institutionNameEn)) },
          { key: 'year', header: t('exams.fields.year'), render: (e) => String(e.year) },
          { key: 'candidates', header: t('exams.fields.candidates'), render: (e) => formatNumber(e.candidateCount) },
          { key: 'status', header: t('exams.fields.status'), render: (e) => <ExamStatusBadge status={e.status} /> },
          { key: 'published', header: t('exams.fields.publishedAt'), render: (e) => formatDate(e.publishedAt) },
        ]}
      />
      <ExamFormModal
        opened={opened}
        onClose={modal.close}
        pending={create.isPending}
        error={create.error}
        onSubmit={(definition) =>
          create.mutate(definition, {
            onSuccess: (exam) => {
              modal.close();
              void navigate(`/exams/${exam.id}`);
            },
          })
        }
      />
    </>
  );
}
