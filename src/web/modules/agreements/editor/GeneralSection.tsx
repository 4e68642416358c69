import { Select, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { agreementKindOptions, needsParent, visibilityOptions } from '../options.ts';
import { EditorSection } from './EditorSection.tsx';
import type { EditorForm } from './editor-form.ts';
import { ParentAgreementSelect } from './ParentAgreementSelect.tsx';

/** Kind (and the framework agreement a specific one or an annex belongs to), titles, summaries, visibility. */
export function GeneralSection({ form, agreementId }: { form: EditorForm; agreementId?: string }) {
  const { t } = useTranslation();
  return (
    <EditorSection title={t('agreements.editor.general')}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label={t('fields.kind')}
          withAsterisk
          data={agreementKindOptions(t)}
          allowDeselect={false}
          {...form.getInputProps('kind')}
        />
        {needsParent(form.getValues().kind) ? <ParentAgreementSelect form={form} agreementId={agreementId} /> : <div />}
      </SimpleGrid>
      <TextInput label={t('fields.titleVi')} withAsterisk {...form.getInputProps('titleVi')} />
      <TextInput label={t('fields.titleEn')} withAsterisk {...form.getInputProps('titleEn')} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Textarea label={t('fields.summaryVi')} autosize minRows={2} maxRows={8} {...form.getInputProps('summaryVi')} />
        <Textarea label={t('fields.summaryEn')} autosize minRows={2} maxRows={8} {...form.getInputProps('summaryEn')} />
      </SimpleGrid>
      <Select
        label={t('fields.visibility')}
        description={t('agreements.editor.visibilityHint')}
        data={visibilityOptions(t)}
        allowDeselect={false}
        {...form.getInputProps('visibility')}
      />
    </EditorSection>
  );
}
