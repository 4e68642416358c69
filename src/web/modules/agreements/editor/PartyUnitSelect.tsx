import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { localName } from '../../../lib/format.ts';
import { useUnits } from '../../directory/queries.ts';
import { unitOptions } from '../../directory/unit-tree.ts';
import type { EditorForm } from './editor-form.ts';

/** The unit of a party's institution that takes part; none = the whole institution. */
export function PartyUnitSelect({
  form,
  index,
  institutionId,
  code,
}: {
  form: EditorForm;
  index: number;
  institutionId: string;
  code: string;
}) {
  const { t } = useTranslation();
  const units = useUnits(institutionId);
  return (
    <Select
      label={t('agreements.editor.partyUnit', { code })}
      placeholder={t('agreements.editor.wholeInstitution')}
      data={unitOptions(
        (units.data ?? []).filter((unit) => !unit.archived),
        localName,
      )}
      searchable
      clearable
      style={{ flex: '1 1 240px' }}
      {...form.getInputProps(`parties.${index}.unitId`)}
    />
  );
}
