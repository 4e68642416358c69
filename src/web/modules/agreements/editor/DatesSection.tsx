import { NumberInput, Select, SimpleGrid, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../../ui/DateField.tsx';
import { renewalOptions } from '../options.ts';
import { EditorSection } from './EditorSection.tsx';
import { dateInputProps, type EditorForm } from './editor-form.ts';

/** Where and when it is signed, its period, and how it renews. */
export function DatesSection({ form }: { form: EditorForm }) {
  const { t } = useTranslation();
  return (
    <EditorSection title={t('agreements.editor.dates')}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('fields.signingPlace')} {...form.getInputProps('signingPlace')} />
        <DateField label={t('fields.signingDate')} clearable {...dateInputProps(form, 'signingDate')} />
        <DateField label={t('fields.startDate')} withAsterisk {...dateInputProps(form, 'startDate')} />
        <DateField
          label={t('fields.endDate')}
          description={t('agreements.editor.endDateHint')}
          clearable
          {...dateInputProps(form, 'endDate')}
        />
        <Select label={t('fields.renewal')} data={renewalOptions(t)} allowDeselect={false} {...form.getInputProps('renewal')} />
        {form.getValues().renewal !== 'none' && (
          <NumberInput
            label={t('fields.renewalYears')}
            min={1}
            max={50}
            clampBehavior="none"
            allowDecimal={false}
            {...form.getInputProps('renewalYears')}
          />
        )}
      </SimpleGrid>
    </EditorSection>
  );
}
