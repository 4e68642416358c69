import { Divider, MultiSelect, NumberInput, Select, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CreateProgram, FloorBasis, TieCriterion, TiePolicy, UpdateProgram } from '../../../contracts/admissions.ts';
import { useRecordForm } from '../../lib/use-record-form.ts';
import { RecordForm } from '../../ui/RecordForm.tsx';
import { MethodsEditor } from './MethodsEditor.tsx';
import { emptyMethod, fromProgram, toPayload } from './program-values.ts';
import { type Program, useCreateProgram, useUpdateProgram } from './queries.ts';

// A program of a season: code, names, quota, admission methods (each may name an equivalence table of the season),
// entrance floor, priority settings (MOET priority and bonus points, floor basis, the 22.5 threshold), tie-break chain
// and tie policy. An edit sends the fields that changed with the version it was read at; a 409 keeps the input and shows what changed.

export function ProgramForm({ seasonId, program, onDone }: { seasonId: string; program?: Program; onDone: () => void }) {
  const { t } = useTranslation();
  const create = useCreateProgram(seasonId);
  const update = useUpdateProgram();
  const state = useRecordForm({
    schema: program ? UpdateProgram : CreateProgram,
    toPayload,
    save: program ? (body) => update.mutateAsync({ id: program.id, body }) : create.mutateAsync,
    onSaved: onDone,
    initialValues: {
      code: '',
      nameVi: '',
      nameEn: '',
      quota: '',
      floor: '',
      tieBreak: ['rank', 'lottery'],
      tiePolicy: 'strict',
      priorityPoints: true,
      floorBasis: 'academic',
      thresholdIncludesBonus: false,
      methods: [emptyMethod(1)],
    },
    record: program,
    fromRecord: fromProgram,
  });
  const { form } = state;
  return (
    <RecordForm state={state} onCancel={onDone}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t('admissions.fields.code')}
          description={t('admissions.programForm.codeHint')}
          withAsterisk
          {...form.getInputProps('code')}
        />
        <NumberInput label={t('admissions.fields.quota')} withAsterisk min={0} allowDecimal={false} {...form.getInputProps('quota')} />
      </SimpleGrid>
      <TextInput label={t('admissions.fields.nameVi')} withAsterisk {...form.getInputProps('nameVi')} />
      <TextInput label={t('admissions.fields.nameEn')} withAsterisk {...form.getInputProps('nameEn')} />
      <Divider />
      <MethodsEditor form={form} seasonId={seasonId} />
      <Divider />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NumberInput
          label={t('admissions.fields.floor')}
          description={t('admissions.programForm.floorHint')}
          min={0}
          max={30}
          decimalScale={2}
          {...form.getInputProps('floor')}
        />
        <Select
          label={t('admissions.fields.tiePolicy')}
          description={t('admissions.programForm.tiePolicyHint')}
          allowDeselect={false}
          data={TiePolicy.options.map((p) => ({ value: p, label: t(`admissions.tiePolicy.${p}`) }))}
          {...form.getInputProps('tiePolicy')}
        />
      </SimpleGrid>
      <Divider />
      <Stack gap="xs">
        <Text size="sm" fw={500}>
          {t('admissions.fields.priority')}
        </Text>
        <Switch
          label={t('admissions.fields.priorityPoints')}
          description={t('admissions.programForm.priorityPointsHint')}
          {...form.getInputProps('priorityPoints', { type: 'checkbox' })}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('admissions.fields.floorBasis')}
            description={t('admissions.programForm.floorBasisHint')}
            allowDeselect={false}
            data={FloorBasis.options.map((b) => ({ value: b, label: t(`admissions.floorBasis.${b}`) }))}
            {...form.getInputProps('floorBasis')}
          />
          <Switch
            mt="lg"
            label={t('admissions.fields.thresholdIncludesBonus')}
            description={t('admissions.programForm.thresholdHint')}
            disabled={!form.getValues().priorityPoints}
            {...form.getInputProps('thresholdIncludesBonus', { type: 'checkbox' })}
          />
        </SimpleGrid>
      </Stack>
      <MultiSelect
        label={t('admissions.fields.tieBreak')}
        description={t('admissions.programForm.tieBreakHint')}
        data={TieCriterion.options.map((c) => ({ value: c, label: t(`admissions.tieCriterion.${c}`) }))}
        {...form.getInputProps('tieBreak')}
      />
    </RecordForm>
  );
}
