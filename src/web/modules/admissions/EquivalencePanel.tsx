import { ActionIcon, Button, Group, Modal, NumberInput, Paper, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useDisclosure, randomId } from '@mantine/hooks';
import { IconEdit, IconPlus, IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CreateEquivalenceTable, UpdateEquivalenceTable } from '../../../contracts/admissions.ts';
import type { Exam } from '../../../contracts/exams.ts';
import { api } from '../../lib/api.ts';
import { formatNumber, localName, localText } from '../../lib/format.ts';
import { notifyError } from '../../lib/form-errors.ts';
import { useRecordForm } from '../../lib/use-record-form.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { EmptyHint } from '../../ui/EmptyHint.tsx';
import { wholeList } from '../../ui/keyset.ts';
import { RecordForm } from '../../ui/RecordForm.tsx';
import { examsKey, useExams } from '../exams/queries.ts';
import {
  type EquivalenceTable,
  type Season,
  useCreateEquivalenceTable,
  useDeleteEquivalenceTable,
  useEquivalenceTables,
  useUpdateEquivalenceTable,
} from './queries.ts';

// A season's equivalence tables (docs/admission.md): each converts a raw weighted total (a < x ≤ b) to the 30-point
// scale (c, d], and programs' methods name it. The coordinator enters the segments, or has them built from two exams'
// percentile tables (the exams' statistics it may read); a table a method names is neither renamed nor deleted.

type SegmentValues = { rowKey: string; a: number | string; b: number | string; c: number | string; d: number | string; label?: string };
type TableValues = {
  name: string;
  mode: 'segments' | 'build';
  segments: SegmentValues[];
  fromExamId: string | null;
  fromSubject: string | null;
  toExamId: string | null;
  toSubject: string | null;
};

const num = (v: number | string) => (v === '' ? Number.NaN : Number(v));
const emptySegment = (): SegmentValues => ({ rowKey: randomId(), a: '', b: '', c: '', d: '' });

const segmentsOf = (v: TableValues) =>
  v.segments.map((s) => ({ a: num(s.a), b: num(s.b), c: num(s.c), d: num(s.d), ...(s.label ? { label: s.label } : {}) }));

const toPayload = (v: TableValues) =>
  v.mode === 'segments'
    ? { name: v.name, segments: segmentsOf(v) }
    : { name: v.name, build: { fromExamId: v.fromExamId ?? '', fromSubject: v.fromSubject ?? '', toExamId: v.toExamId ?? '', toSubject: v.toSubject ?? '' } };

const fromTable = (x: EquivalenceTable): TableValues => ({
  name: x.name,
  mode: 'segments',
  segments: x.segments.map((s) => ({ rowKey: randomId(), ...s })),
  fromExamId: null,
  fromSubject: null,
  toExamId: null,
  toSubject: null,
});

const point = (n: number) => formatNumber(n, { maximumFractionDigits: 2 });

export function EquivalencePanel({ season }: { season: Season }) {
  const { t } = useTranslation();
  const query = useEquivalenceTables(season.id);
  const remove = useDeleteEquivalenceTable();
  const [creating, createModal] = useDisclosure(false);
  const [editing, setEditing] = useState<EquivalenceTable | null>(null);
  const [deleting, setDeleting] = useState<EquivalenceTable | null>(null);
  const editable = season.permissions.manage && season.status !== 'published';
  const add = editable ? (
    <Button leftSection={<IconPlus size={16} />} onClick={createModal.open}>
      {t('admissions.equivalence.create')}
    </Button>
  ) : undefined;
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('admissions.equivalence.description')}
      </Text>
      {add && query.data && query.data.items.length > 0 && <Group justify="flex-end">{add}</Group>}
      <DataTable
        label={t('admissions.tabs.equivalence')}
        {...wholeList({ ...query, data: query.data?.items })}
        rowKey={(x) => x.id}
        minWidth={700}
        empty={<EmptyHint title={t('admissions.equivalence.emptyTitle')} description={t('admissions.equivalence.emptyDescription')} action={add} />}
        columns={[
          { key: 'name', header: t('admissions.fields.equivalence'), render: (x) => x.name },
          {
            key: 'segments',
            header: t('admissions.equivalence.segments'),
            render: (x) => (
              <Text size="sm">{x.segments.map((s) => `(${point(s.a)}; ${point(s.b)}] → (${point(s.c)}; ${point(s.d)}]`).join(' · ')}</Text>
            ),
          },
          {
            key: 'source',
            header: t('admissions.equivalence.source'),
            render: (x) => (x.source ? t('admissions.equivalence.built') : t('admissions.equivalence.entered')),
          },
          { key: 'usedBy', header: t('admissions.equivalence.usedBy'), render: (x) => x.usedBy.join(', ') || '—' },
          ...(editable
            ? [
                {
                  key: 'actions',
                  header: t('common.actions'),
                  render: (x: EquivalenceTable) => (
                    <Group gap={4} wrap="nowrap">
                      <ActionIcon variant="subtle" aria-label={t('admissions.equivalence.edit', { name: x.name })} onClick={() => setEditing(x)}>
                        <IconEdit size={16} />
                      </ActionIcon>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('admissions.equivalence.delete', { name: x.name })}
                        onClick={() => setDeleting(x)}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Group>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal opened={deleting !== null} onClose={() => setDeleting(null)} title={t('admissions.equivalence.deleteTitle')}>
        <Stack>
          <Text size="sm">{t('admissions.equivalence.deleteText', { name: deleting?.name ?? '' })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDeleting(null)}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              loading={remove.isPending}
              onClick={() => deleting && remove.mutate(deleting.id, { onSuccess: () => setDeleting(null), onError: notifyError })}
            >
              {t('admissions.equivalence.deleteConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
      <Modal opened={creating} onClose={createModal.close} title={t('admissions.equivalence.createTitle')} size="xl">
        {creating && <TableForm seasonId={season.id} onDone={createModal.close} />}
      </Modal>
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={t('admissions.equivalence.editTitle')} size="xl">
        {editing && <TableForm seasonId={season.id} table={editing} onDone={() => setEditing(null)} />}
      </Modal>
    </Stack>
  );
}

function TableForm({ seasonId, table, onDone }: { seasonId: string; table?: EquivalenceTable; onDone: () => void }) {
  const { t } = useTranslation();
  const create = useCreateEquivalenceTable(seasonId);
  const update = useUpdateEquivalenceTable();
  const state = useRecordForm({
    schema: table ? UpdateEquivalenceTable : CreateEquivalenceTable,
    toPayload,
    save: table ? (body) => update.mutateAsync({ id: table.id, body }) : create.mutateAsync,
    onSaved: onDone,
    initialValues: { name: '', mode: 'segments', segments: [emptySegment()], fromExamId: null, fromSubject: null, toExamId: null, toSubject: null },
    record: table,
    fromRecord: fromTable,
  });
  const { form } = state;
  const values = form.getValues();
  return (
    <RecordForm state={state} onCancel={onDone}>
      <TextInput label={t('admissions.fields.equivalence')} description={t('admissions.equivalence.nameHint')} withAsterisk {...form.getInputProps('name')} />
      {!table && (
        <SegmentedControl
          data={[
            { value: 'segments', label: t('admissions.equivalence.modeSegments') },
            { value: 'build', label: t('admissions.equivalence.modeBuild') },
          ]}
          {...form.getInputProps('mode')}
        />
      )}
      {values.mode === 'segments' ? (
        <Stack gap="xs">
          <Text size="xs" c="dimmed">
            {t('admissions.equivalence.segmentsHint')}
          </Text>
          {values.segments.map((s, i) => (
            <Group key={s.rowKey} align="flex-end" wrap="nowrap">
              {(['a', 'b', 'c', 'd'] as const).map((k) => (
                <NumberInput
                  key={k}
                  label={t(`admissions.equivalence.${k}`)}
                  min={0}
                  max={k === 'c' || k === 'd' ? 30 : 100000}
                  decimalScale={2}
                  style={{ flex: 1 }}
                  {...form.getInputProps(`segments.${i}.${k}`)}
                />
              ))}
              <ActionIcon
                variant="subtle"
                color="red"
                mb={4}
                aria-label={t('admissions.equivalence.removeSegment')}
                disabled={values.segments.length === 1}
                onClick={() => form.removeListItem('segments', i)}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          ))}
          {typeof form.errors.segments === 'string' && (
            <Text size="sm" c="red">
              {form.errors.segments}
            </Text>
          )}
          <Group>
            <Button variant="light" size="xs" leftSection={<IconPlus size={14} />} onClick={() => form.insertListItem('segments', emptySegment())}>
              {t('admissions.equivalence.addSegment')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Paper withBorder p="sm">
          <Text size="xs" c="dimmed" mb="xs">
            {t('admissions.equivalence.buildHint')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <ExamSubject form={form} side="from" />
            <ExamSubject form={form} side="to" />
          </SimpleGrid>
        </Paper>
      )}
    </RecordForm>
  );
}

type TableFormType = ReturnType<typeof useRecordForm<TableValues, ReturnType<typeof toPayload>, EquivalenceTable>>['form'];

/** An exam and one of its subjects, for building a table (the source or the target side). */
function ExamSubject({ form, side }: { form: TableFormType; side: 'from' | 'to' }) {
  const { t } = useTranslation();
  const exams = useExams();
  const examId = form.getValues()[`${side}ExamId`];
  const exam = useQuery({
    queryKey: [...examsKey, 'one', examId],
    queryFn: ({ signal }) => api.get<Exam>(`/exams/${examId}`, undefined, signal),
    enabled: examId !== null,
  });
  const examInput = form.getInputProps(`${side}ExamId`);
  return (
    <Stack gap="xs">
      <Select
        label={t(`admissions.equivalence.${side}Exam`)}
        withAsterisk
        searchable
        data={(exams.data?.items ?? []).map((e) => ({ value: e.id, label: `${localText(e.titleVi, e.titleEn)} (${e.year})` }))}
        {...examInput}
        error={examInput.error ?? form.errors[`build.${side}ExamId`]}
        onChange={(value) => {
          examInput.onChange(value);
          form.setFieldValue(`${side}Subject`, null);
        }}
      />
      <Select
        label={t(`admissions.equivalence.${side}Subject`)}
        withAsterisk
        data={(exam.data?.subjects ?? []).map((s) => ({ value: s.key, label: localName(s) }))}
        {...form.getInputProps(`${side}Subject`)}
        error={form.errors[`${side}Subject`] ?? form.errors[`build.${side}Subject`]}
      />
    </Stack>
  );
}
