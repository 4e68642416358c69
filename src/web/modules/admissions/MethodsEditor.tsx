import { ActionIcon, Button, Group, NumberInput, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Exam } from '../../../contracts/exams.ts';
import { api } from '../../lib/api.ts';
import { localName, localText } from '../../lib/format.ts';
import { examsKey, useExams } from '../exams/queries.ts';
import { type ComponentValues, emptyComponent, emptyMethod, type ProgramFormType } from './program-values.ts';
import { useEquivalenceTables } from './queries.ts';

// A program's admission methods as data: each a code, an optional floor, an optional equivalence table of the season
// (converting the raw weighted total to 30 points), and weighted subjects of exams the institution reads (its own, or
// published ones it shares through an admissions agreement). A candidate's score for the program is the best of its
// methods (docs/admission.md).

export function MethodsEditor({ form, seasonId }: { form: ProgramFormType; seasonId: string }) {
  const { t } = useTranslation();
  const exams = useExams();
  const tables = useEquivalenceTables(seasonId);
  const tableOptions = (tables.data?.items ?? []).map((x) => ({ value: x.name, label: x.name }));
  const examOptions = (exams.data?.items ?? []).map((e) => ({ value: e.id, label: `${localText(e.titleVi, e.titleEn)} (${e.year})` }));
  const methods = form.getValues().methods;
  return (
    <Stack gap="sm">
      <Text size="sm" fw={500}>
        {t('admissions.fields.methods')}
      </Text>
      <Text size="xs" c="dimmed">
        {t('admissions.programForm.methodsHint')}
      </Text>
      {methods.map((method, i) => (
        <Paper key={method.rowKey} withBorder p="sm">
          <Group align="flex-end" wrap="nowrap">
            <TextInput
              label={t('admissions.fields.methodId')}
              withAsterisk
              style={{ flex: 1 }}
              {...form.getInputProps(`methods.${i}.methodId`)}
            />
            <NumberInput
              label={t('admissions.fields.methodFloor')}
              min={0}
              max={30}
              decimalScale={2}
              style={{ flex: 1 }}
              {...form.getInputProps(`methods.${i}.floor`)}
            />
            <Select
              label={t('admissions.fields.equivalence')}
              placeholder={t('admissions.programForm.noEquivalence')}
              clearable
              data={
                // A table no longer listed (renamed elsewhere) still shows, by its name.
                method.equivalence && !tableOptions.some((o) => o.value === method.equivalence)
                  ? [...tableOptions, { value: method.equivalence, label: method.equivalence }]
                  : tableOptions
              }
              style={{ flex: 1 }}
              {...form.getInputProps(`methods.${i}.equivalence`)}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              mb={4}
              aria-label={t('admissions.programForm.removeMethod')}
              disabled={methods.length === 1}
              onClick={() => form.removeListItem('methods', i)}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
          <Stack gap="xs" mt="xs">
            {method.components.map((component, k) => (
              <ComponentRow
                key={component.rowKey}
                form={form}
                path={`methods.${i}.components.${k}`}
                component={component}
                examOptions={examOptions}
                canRemove={method.components.length > 1}
                onRemove={() => form.removeListItem(`methods.${i}.components`, k)}
              />
            ))}
          </Stack>
          <Button
            mt="xs"
            size="xs"
            variant="subtle"
            leftSection={<IconPlus size={12} />}
            onClick={() => form.insertListItem(`methods.${i}.components`, emptyComponent(method.components.at(-1)?.examId ?? null))}
          >
            {t('admissions.programForm.addComponent')}
          </Button>
        </Paper>
      ))}
      {typeof form.errors.methods === 'string' && (
        <Text size="sm" c="red">
          {form.errors.methods}
        </Text>
      )}
      <Group>
        <Button
          variant="light"
          size="xs"
          leftSection={<IconPlus size={14} />}
          onClick={() => form.insertListItem('methods', emptyMethod(methods.length + 1, methods[0]?.components[0]?.examId ?? null))}
        >
          {t('admissions.programForm.addMethod')}
        </Button>
      </Group>
    </Stack>
  );
}

/** One weighted subject: the exam, then its subjects (read when the exam is chosen). */
function ComponentRow({
  form,
  path,
  component,
  examOptions,
  canRemove,
  onRemove,
}: {
  form: ProgramFormType;
  path: string;
  component: ComponentValues;
  examOptions: { value: string; label: string }[];
  canRemove: boolean;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const exam = useQuery({
    queryKey: [...examsKey, 'one', component.examId],
    queryFn: ({ signal }) => api.get<Exam>(`/exams/${component.examId}`, undefined, signal),
    enabled: component.examId !== null,
  });
  const subjects = (exam.data?.subjects ?? []).map((s) => ({ value: s.key, label: localName(s) }));
  // A subject of an exam not loaded yet (or no longer readable) still shows, by its key.
  if (component.subject && !subjects.some((s) => s.value === component.subject))
    subjects.push({ value: component.subject, label: component.subject });
  const examInput = form.getInputProps(`${path}.examId`);
  return (
    <Group align="flex-end" wrap="nowrap">
      <Select
        label={t('admissions.fields.exam')}
        withAsterisk
        data={examOptions}
        searchable
        style={{ flex: 3 }}
        {...examInput}
        onChange={(value) => {
          examInput.onChange(value);
          form.setFieldValue(`${path}.subject`, null);
        }}
      />
      <Select
        label={t('admissions.fields.subject')}
        withAsterisk
        data={subjects}
        style={{ flex: 2 }}
        {...form.getInputProps(`${path}.subject`)}
      />
      <NumberInput
        label={t('admissions.fields.weight')}
        withAsterisk
        min={0}
        max={100}
        decimalScale={2}
        style={{ flex: 1 }}
        {...form.getInputProps(`${path}.weight`)}
      />
      <ActionIcon
        variant="subtle"
        color="red"
        mb={4}
        aria-label={t('admissions.programForm.removeComponent')}
        disabled={!canRemove}
        onClick={onRemove}
      >
        <IconTrash size={16} />
      </ActionIcon>
    </Group>
  );
}
