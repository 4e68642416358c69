import { ActionIcon, Alert, Button, Divider, Group, Modal, NumberInput, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Exam, ExamDefinition } from './queries.ts';

// Defining an exam: titles, year, rounds (dates, venues) and subjects with their scale and parts (weights in percent).
// The server checks everything (weights summing to 100, dates in order, unique keys) and names each field it refuses.

type Round = ExamDefinition['rounds'][number];
type Subject = ExamDefinition['subjects'][number];
type Part = NonNullable<Subject['parts']>[number];

// Rows carry a key of their own while edited (`_k`), so React keeps each input as rows are added and removed.
let nextKey = 0;
const keyed = <T extends object>(x: T) => ({ ...x, _k: ++nextKey });
const unkeyed = <T extends { _k: number }>({ _k: _, ...rest }: T) => rest;

const emptyRound = (n: number): Round => ({ key: `r${n}`, nameVi: `Đợt ${n}`, nameEn: `Round ${n}`, startDate: '', endDate: '', venues: [] });
const emptySubject = (): Subject => ({ key: '', nameVi: '', nameEn: '', minScore: 0, maxScore: 10, step: 0.25, parts: [] });

export function definitionOf(exam: Exam): ExamDefinition {
  return {
    code: exam.code,
    titleVi: exam.titleVi,
    titleEn: exam.titleEn,
    year: exam.year,
    rounds: exam.rounds.map(({ id: _, ...r }) => r),
    subjects: exam.subjects.map(({ id: _, ...s }) => s),
  };
}

export function ExamFormModal({
  opened,
  onClose,
  initial,
  onSubmit,
  pending,
  error,
}: {
  opened: boolean;
  onClose: () => void;
  initial?: ExamDefinition;
  onSubmit: (definition: ExamDefinition) => void;
  pending: boolean;
  error: Error | null;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={initial ? t('exams.form.editTitle') : t('exams.form.createTitle')} size="xl">
      {opened && <ExamFormBody initial={initial} onSubmit={onSubmit} pending={pending} error={error} onCancel={onClose} />}
    </Modal>
  );
}

function ExamFormBody({
  initial,
  onSubmit,
  pending,
  error,
  onCancel,
}: {
  initial?: ExamDefinition;
  onSubmit: (definition: ExamDefinition) => void;
  pending: boolean;
  error: Error | null;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const start = initial ?? { code: '', titleVi: '', titleEn: '', year: new Date().getFullYear(), rounds: [emptyRound(1)], subjects: [emptySubject()] };
  type KeyedSubject = Omit<Subject, 'parts'> & { _k: number; parts: (Part & { _k: number })[] };
  type Draft = Omit<ExamDefinition, 'rounds' | 'subjects'> & { rounds: (Round & { _k: number })[]; subjects: KeyedSubject[] };
  const [d, setD] = useState<Draft>(() => ({
    ...start,
    rounds: start.rounds.map(keyed),
    subjects: start.subjects.map((x) => ({ ...keyed(x), parts: (x.parts ?? []).map(keyed) })),
  }));
  const set = (patch: Partial<Draft>) => setD((x) => ({ ...x, ...patch }));
  const setRound = (i: number, patch: Partial<Round>) => set({ rounds: d.rounds.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  const setSubject = (i: number, patch: Partial<KeyedSubject>) => set({ subjects: d.subjects.map((s, j) => (j === i ? { ...s, ...patch } : s)) });
  const setPart = (i: number, k: number, patch: Partial<Part>) => setSubject(i, { parts: d.subjects[i].parts.map((p, j) => (j === k ? { ...p, ...patch } : p)) });
  const definition = (): ExamDefinition => ({
    ...d,
    rounds: d.rounds.map(unkeyed),
    subjects: d.subjects.map((x) => ({ ...unkeyed(x), parts: x.parts.map(unkeyed) })),
  });
  const num = (v: string | number) => (typeof v === 'number' ? v : Number(v));

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(definition());
      }}
    >
      <Stack gap="sm">
        <Group grow>
          <TextInput label={t('exams.fields.code')} description={t('exams.form.codeHint')} required value={d.code} onChange={(e) => set({ code: e.currentTarget.value })} />
          <NumberInput label={t('exams.fields.year')} required min={1990} max={2100} value={d.year} onChange={(v) => set({ year: num(v) })} />
        </Group>
        <TextInput label={t('exams.fields.titleVi')} required value={d.titleVi} onChange={(e) => set({ titleVi: e.currentTarget.value })} />
        <TextInput label={t('exams.fields.titleEn')} required value={d.titleEn} onChange={(e) => set({ titleEn: e.currentTarget.value })} />

        <Divider />
        <Title order={3} size="h5">
          {t('exams.fields.rounds')}
        </Title>
        {d.rounds.map((r, i) => (
          <Paper key={r._k} withBorder p="sm">
            <Group grow align="flex-end">
              <TextInput label={t('exams.fields.key')} required value={r.key} onChange={(e) => setRound(i, { key: e.currentTarget.value })} />
              <TextInput label={t('exams.fields.nameVi')} required value={r.nameVi} onChange={(e) => setRound(i, { nameVi: e.currentTarget.value })} />
              <TextInput label={t('exams.fields.nameEn')} required value={r.nameEn} onChange={(e) => setRound(i, { nameEn: e.currentTarget.value })} />
            </Group>
            <Group grow align="flex-end">
              <TextInput type="date" label={t('exams.fields.startDate')} required value={r.startDate} onChange={(e) => setRound(i, { startDate: e.currentTarget.value })} />
              <TextInput type="date" label={t('exams.fields.endDate')} required value={r.endDate} onChange={(e) => setRound(i, { endDate: e.currentTarget.value })} />
              <TextInput
                label={t('exams.fields.venues')}
                description={t('exams.form.venuesHint')}
                required
                value={r.venues.join('; ')}
                onChange={(e) => setRound(i, { venues: e.currentTarget.value.split(';').map((v) => v.trim()).filter((v) => v !== '') })}
              />
              <ActionIcon variant="subtle" color="red" aria-label={t('exams.form.removeRound')} disabled={d.rounds.length === 1} onClick={() => set({ rounds: d.rounds.filter((_, j) => j !== i) })}>
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          </Paper>
        ))}
        <Group>
          <Button variant="light" leftSection={<IconPlus size={14} />} onClick={() => set({ rounds: [...d.rounds, keyed(emptyRound(d.rounds.length + 1))] })}>
            {t('exams.form.addRound')}
          </Button>
        </Group>

        <Divider />
        <Title order={3} size="h5">
          {t('exams.fields.subjects')}
        </Title>
        {d.subjects.map((s, i) => (
          <Paper key={s._k} withBorder p="sm">
            <Group grow align="flex-end">
              <TextInput label={t('exams.fields.key')} required value={s.key} onChange={(e) => setSubject(i, { key: e.currentTarget.value })} />
              <TextInput label={t('exams.fields.nameVi')} required value={s.nameVi} onChange={(e) => setSubject(i, { nameVi: e.currentTarget.value })} />
              <TextInput label={t('exams.fields.nameEn')} required value={s.nameEn} onChange={(e) => setSubject(i, { nameEn: e.currentTarget.value })} />
            </Group>
            <Group grow align="flex-end">
              <NumberInput label={t('exams.fields.minScore')} decimalScale={2} value={s.minScore} onChange={(v) => setSubject(i, { minScore: num(v) })} />
              <NumberInput label={t('exams.fields.maxScore')} decimalScale={2} value={s.maxScore} onChange={(v) => setSubject(i, { maxScore: num(v) })} />
              <NumberInput label={t('exams.fields.step')} decimalScale={2} value={s.step} onChange={(v) => setSubject(i, { step: num(v) })} />
              <ActionIcon variant="subtle" color="red" aria-label={t('exams.form.removeSubject')} disabled={d.subjects.length === 1} onClick={() => set({ subjects: d.subjects.filter((_, j) => j !== i) })}>
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
            <Text size="xs" c="dimmed" mt="xs">
              {t('exams.form.partsHint')}
            </Text>
            {s.parts.map((p, k) => (
              <Group key={p._k} grow align="flex-end">
                <TextInput label={t('exams.fields.partKey')} required value={p.key} onChange={(e) => setPart(i, k, { key: e.currentTarget.value })} />
                <TextInput label={t('exams.fields.nameVi')} required value={p.nameVi} onChange={(e) => setPart(i, k, { nameVi: e.currentTarget.value })} />
                <TextInput label={t('exams.fields.nameEn')} required value={p.nameEn} onChange={(e) => setPart(i, k, { nameEn: e.currentTarget.value })} />
                <NumberInput label={t('exams.fields.weight')} min={0} max={100} value={p.weight} onChange={(v) => setPart(i, k, { weight: num(v) })} />
                <ActionIcon variant="subtle" color="red" aria-label={t('exams.form.removePart')} onClick={() => setSubject(i, { parts: s.parts.filter((_, j) => j !== k) })}>
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
            ))}
            <Button
              mt="xs"
              size="xs"
              variant="subtle"
              leftSection={<IconPlus size={12} />}
              onClick={() => setSubject(i, { parts: [...s.parts, keyed({ key: '', nameVi: '', nameEn: '', weight: 0 })] })}
            >
              {t('exams.form.addPart')}
            </Button>
          </Paper>
        ))}
        <Group>
          <Button variant="light" leftSection={<IconPlus size={14} />} onClick={() => set({ subjects: [...d.subjects, { ...keyed(emptySubject()), parts: [] }] })}>
            {t('exams.form.addSubject')}
          </Button>
        </Group>
        {error && (
          <Alert color="red" variant="light">
            {error.message}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={pending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
