import { Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localName } from '../../../lib/format.ts';
import { useInstitutionOptions } from '../../directory/queries.ts';
import { foldedFilter } from '../options.ts';
import { EditorSection } from './EditorSection.tsx';
import type { EditorForm } from './editor-form.ts';
import type { PartyInfoOf } from './party-info.ts';
import { PartyRow } from './PartyRow.tsx';

/** The parties, one row each (my institution stays), and a search to add another institution. */
export function PartiesSection({
  form,
  partyInfo,
  myInstitutionId,
}: {
  form: EditorForm;
  partyInfo: PartyInfoOf;
  myInstitutionId: string;
}) {
  const { t } = useTranslation();
  const institutions = useInstitutionOptions();
  const parties = form.getValues().parties;
  const [adding, setAdding] = useState<string | null>(null);
  const available = (institutions.data ?? []).filter((institution) => !parties.some((p) => p.institutionId === institution.id));
  const error = form.errors.parties;
  return (
    <EditorSection title={t('fields.parties')} description={t('agreements.editor.partiesHint')}>
      <Stack gap="sm">
        {parties.map((party, index) => (
          <PartyRow
            key={party.institutionId}
            form={form}
            index={index}
            institutionId={party.institutionId}
            info={partyInfo(party.institutionId)}
            mine={party.institutionId === myInstitutionId}
          />
        ))}
        {typeof error === 'string' || (error && typeof error !== 'boolean') ? (
          <Text size="sm" c="red" role="alert">
            {String(error)}
          </Text>
        ) : null}
        <Select
          label={t('agreements.editor.addParty')}
          placeholder={t('agreements.editor.addPartyPlaceholder')}
          data={available.map((institution) => ({ value: institution.id, label: `${institution.code} — ${localName(institution)}` }))}
          value={adding}
          searchable
          filter={foldedFilter}
          clearable
          nothingFoundMessage={t('agreements.editor.noInstitution')}
          onChange={(value) => {
            if (!value) return;
            form.insertListItem('parties', { institutionId: value, unitId: null });
            form.clearFieldError('parties');
            setAdding(null);
          }}
        />
      </Stack>
    </EditorSection>
  );
}
