import { Select, SimpleGrid, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CreateUnit, type Unit, UpdateUnit } from '../../../contracts/directory.ts';
import { localName } from '../../lib/format.ts';
import { useRecordForm } from '../../lib/use-record-form.ts';
import { RecordForm } from '../../ui/RecordForm.tsx';
import { unitKindOptions } from './options.ts';
import { useCreateUnit, useUpdateUnit } from './queries.ts';
import { unitAndDescendants, unitOptions } from './unit-tree.ts';

type UnitValues = { parentId: string | null; kind: string; code: string; nameVi: string; nameEn: string };

const fromUnit = (unit: Unit): UnitValues => ({
  parentId: unit.parentId,
  kind: unit.kind,
  code: unit.code ?? '',
  nameVi: unit.nameVi,
  nameEn: unit.nameEn,
});

const toPayload = (values: UnitValues) => values;

export function UnitForm({
  institutionId,
  units,
  unit,
  parentId = null,
  onDone,
}: {
  institutionId: string;
  units: Unit[];
  unit?: Unit;
  parentId?: string | null;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const create = useCreateUnit(institutionId);
  const update = useUpdateUnit();
  const state = useRecordForm({
    schema: unit ? UpdateUnit : CreateUnit,
    toPayload,
    save: unit ? (body) => update.mutateAsync({ id: unit.id, body }) : create.mutateAsync,
    onSaved: onDone,
    initialValues: { parentId, kind: 'department', code: '', nameVi: '', nameEn: '' },
    record: unit,
    fromRecord: fromUnit,
  });
  const { form } = state;
  const parents = unitOptions(
    units.filter((candidate) => !candidate.archived),
    localName,
    unit ? unitAndDescendants(units, unit.id) : undefined,
  );
  return (
    <RecordForm state={state} onCancel={onDone}>
      <Select
        label={t('fields.parentId')}
        placeholder={t('units.topLevel')}
        data={parents}
        searchable
        clearable
        {...form.getInputProps('parentId')}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select label={t('fields.kind')} withAsterisk data={unitKindOptions(t)} allowDeselect={false} {...form.getInputProps('kind')} />
        <TextInput label={t('fields.code')} {...form.getInputProps('code')} />
      </SimpleGrid>
      <TextInput label={t('fields.nameVi')} withAsterisk {...form.getInputProps('nameVi')} />
      <TextInput label={t('fields.nameEn')} withAsterisk {...form.getInputProps('nameEn')} />
    </RecordForm>
  );
}
