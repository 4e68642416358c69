import { Select, SimpleGrid, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CreateInstitution, type Institution, UpdateInstitution } from '../../../contracts/directory.ts';
import { useRecordForm } from '../../lib/use-record-form.ts';
import { RecordForm } from '../../ui/RecordForm.tsx';
import { countryOptions, institutionKindOptions } from './options.ts';
import { useCreateInstitution, useUpdateInstitution } from './queries.ts';

type InstitutionValues = {
  code: string;
  kind: string;
  country: string;
  nameVi: string;
  nameEn: string;
  website: string;
  city: string;
};

const emptyInstitution: InstitutionValues = { code: '', kind: 'university', country: 'VN', nameVi: '', nameEn: '', website: '', city: '' };

const fromInstitution = (institution: Institution): InstitutionValues => ({
  code: institution.code,
  kind: institution.kind,
  country: institution.country,
  nameVi: institution.nameVi,
  nameEn: institution.nameEn,
  website: institution.website ?? '',
  city: institution.city ?? '',
});

const toPayload = (values: InstitutionValues) => ({ ...values, website: values.website.trim() || null, city: values.city });

export function InstitutionForm({ institution, onDone }: { institution?: Institution; onDone: (saved: Institution | undefined) => void }) {
  const { t } = useTranslation();
  const create = useCreateInstitution();
  const update = useUpdateInstitution(institution?.id ?? '');
  const state = useRecordForm({
    schema: institution ? UpdateInstitution : CreateInstitution,
    toPayload,
    save: institution ? update.mutateAsync : create.mutateAsync,
    onSaved: onDone,
    initialValues: emptyInstitution,
    record: institution,
    fromRecord: fromInstitution,
  });
  const { form } = state;
  return (
    <RecordForm state={state} onCancel={() => onDone(undefined)}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('fields.code')} withAsterisk {...form.getInputProps('code')} />
        <Select
          label={t('fields.kind')}
          withAsterisk
          data={institutionKindOptions(t)}
          allowDeselect={false}
          {...form.getInputProps('kind')}
        />
      </SimpleGrid>
      <TextInput label={t('fields.nameVi')} withAsterisk {...form.getInputProps('nameVi')} />
      <TextInput label={t('fields.nameEn')} withAsterisk {...form.getInputProps('nameEn')} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label={t('fields.country')}
          withAsterisk
          searchable
          allowDeselect={false}
          data={countryOptions([form.values.country])}
          {...form.getInputProps('country')}
        />
        <TextInput label={t('fields.city')} {...form.getInputProps('city')} />
      </SimpleGrid>
      <TextInput label={t('fields.website')} placeholder="https://" type="url" {...form.getInputProps('website')} />
    </RecordForm>
  );
}
