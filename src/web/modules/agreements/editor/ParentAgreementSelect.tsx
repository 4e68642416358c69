import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { foldedFilter, localTitle } from '../options.ts';
import { useFrameworkOptions } from '../queries.ts';
import type { EditorForm } from './editor-form.ts';

/** The framework agreement a specific agreement or an annex belongs to (never the agreement itself). */
export function ParentAgreementSelect({ form, agreementId }: { form: EditorForm; agreementId?: string }) {
  const { t } = useTranslation();
  const frameworks = useFrameworkOptions(true);
  return (
    <Select
      label={t('agreements.editor.parentAgreement')}
      description={t('agreements.editor.parentHint')}
      withAsterisk
      searchable
      filter={foldedFilter}
      data={(frameworks.data ?? [])
        .filter((a) => a.id !== agreementId)
        .map((a) => ({ value: a.id, label: `${localTitle(a)} (${a.parties.map((p) => p.code).join(', ')})` }))}
      nothingFoundMessage={t('agreements.editor.noFramework')}
      {...form.getInputProps('parentId')}
    />
  );
}
