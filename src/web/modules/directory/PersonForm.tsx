import { MultiSelect, Select, SimpleGrid, TagsInput, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CreatePerson, type Person, UpdatePerson } from '../../../contracts/directory.ts';
import { localName } from '../../lib/format.ts';
import { useRecordForm } from '../../lib/use-record-form.ts';
import { RecordForm } from '../../ui/RecordForm.tsx';
import { languageOptions, titleOptions, visibilityOptions } from './options.ts';
import { useCreatePerson, useUnits, useUpdatePerson } from './queries.ts';
import { unitOptions } from './unit-tree.ts';

type PersonValues = {
  unitId: string | null;
  fullName: string;
  title: string | null;
  positionVi: string;
  positionEn: string;
  email: string;
  phone: string;
  expertise: string[];
  languages: string[];
  visibility: string;
};

const emptyPerson: PersonValues = {
  unitId: null,
  fullName: '',
  title: null,
  positionVi: '',
  positionEn: '',
  email: '',
  phone: '',
  expertise: [],
  languages: ['vi'],
  visibility: 'consortium',
};

const fromPerson = (person: Person): PersonValues => ({
  unitId: person.unitId,
  fullName: person.fullName,
  title: person.title,
  positionVi: person.positionVi ?? '',
  positionEn: person.positionEn ?? '',
  email: person.email ?? '',
  phone: person.phone ?? '',
  expertise: person.expertise,
  languages: person.languages,
  visibility: person.visibility,
});

const toPayload = (values: PersonValues) => ({
  ...values,
  email: values.email.trim() || null,
  phone: values.phone.trim() || null,
});

export function PersonForm({
  institutionId,
  person,
  onSaved,
  onCancel,
  submitLabel,
}: {
  institutionId: string;
  person?: Person;
  onSaved: (saved: Person | undefined) => void;
  onCancel?: () => void;
  submitLabel?: string;
}) {
  const { t } = useTranslation();
  const units = useUnits(institutionId);
  const create = useCreatePerson(institutionId);
  const update = useUpdatePerson(person?.id ?? '');
  const state = useRecordForm({
    schema: person ? UpdatePerson : CreatePerson,
    toPayload,
    save: person ? update.mutateAsync : create.mutateAsync,
    onSaved,
    initialValues: emptyPerson,
    record: person,
    fromRecord: fromPerson,
  });
  const { form } = state;
  const activeUnits = (units.data ?? []).filter((unit) => !unit.archived || unit.id === form.values.unitId);
  return (
    <RecordForm state={state} onCancel={onCancel} submitLabel={submitLabel}>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Select label={t('fields.title')} data={titleOptions(form.values.title)} clearable searchable {...form.getInputProps('title')} />
        <TextInput label={t('fields.fullName')} withAsterisk style={{ gridColumn: 'span 2' }} {...form.getInputProps('fullName')} />
      </SimpleGrid>
      <Select
        label={t('fields.unitId')}
        placeholder={t('people.noUnit')}
        data={unitOptions(activeUnits, localName)}
        searchable
        clearable
        disabled={units.isPending}
        {...form.getInputProps('unitId')}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('fields.positionVi')} {...form.getInputProps('positionVi')} />
        <TextInput label={t('fields.positionEn')} {...form.getInputProps('positionEn')} />
        <TextInput label={t('fields.email')} type="email" {...form.getInputProps('email')} />
        <TextInput label={t('fields.phone')} type="tel" {...form.getInputProps('phone')} />
      </SimpleGrid>
      <TagsInput label={t('fields.expertise')} description={t('people.expertiseHint')} {...form.getInputProps('expertise')} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <MultiSelect
          label={t('fields.languages')}
          data={languageOptions(form.values.languages)}
          searchable
          {...form.getInputProps('languages')}
        />
        <Select label={t('fields.visibility')} data={visibilityOptions(t)} allowDeselect={false} {...form.getInputProps('visibility')} />
      </SimpleGrid>
    </RecordForm>
  );
}
