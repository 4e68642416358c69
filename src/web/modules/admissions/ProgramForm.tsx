import { Divider, MultiSelect, NumberInput, Select, SimpleGrid, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CreateProgram, TieCriterion, TiePolicy, UpdateProgram } from '../../../contracts/admissions.ts';
import { useRecordForm } from '../../lib/use-record-form.ts';
import { RecordForm } from '../../ui/RecordForm.tsx';
import { MethodsEditor } from './MethodsEditor.tsx';
import { emptyMethod, fromProgram, toPayload } from './program-values.ts';
import { type Program, useCreateProgram, useUpdateProgram } from './queries.ts';

// A program of a season: code, names, quota, admission methods, entrance floor, tie-break chain and tie policy. An
// edit sends the fields that changed with the version it was read at; a 409 keeps the input and shows what changed.

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
      <MethodsEditor form={form} />
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
      <MultiSelect
        label={t('admissions.fields.tieBreak')}
        description={t('admissions.programForm.tieBreakHint')}
        data={TieCriterion.options.map((c) => ({ value: c, label: t(`admissions.tieCriterion.${c}`) }))}
        {...form.getInputProps('tieBreak')}
      />
    </RecordForm>
  );
}
