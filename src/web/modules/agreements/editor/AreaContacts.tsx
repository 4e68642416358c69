import { SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Agreement } from '../../../../contracts/agreements.ts';
import { PersonPicker } from '../PersonPicker.tsx';
import type { EditorForm } from './editor-form.ts';
import type { AreaValues } from './editor-model.ts';
import type { PartyInfoOf } from './party-info.ts';

/** An area's point of contact for each party: a person of that party's institution. */
export function AreaContacts({
  form,
  index,
  area,
  partyInfo,
  knownPeople,
}: {
  form: EditorForm;
  index: number;
  area: AreaValues;
  partyInfo: PartyInfoOf;
  knownPeople: Agreement['people'];
}) {
  const { t } = useTranslation();
  const path = `areas.${index}.contacts`;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      {form.getValues().parties.map((party) => {
        const personId = area.contacts[party.institutionId] ?? null;
        return (
          <PersonPicker
            key={party.institutionId}
            institutionId={party.institutionId}
            label={t('agreements.editor.contactOf', { code: partyInfo(party.institutionId).code })}
            value={personId}
            knownName={personId && knownPeople[personId] ? knownPeople[personId].fullName : undefined}
            onChange={(next) => {
              form.setFieldValue(path, { ...form.getValues().areas[index].contacts, [party.institutionId]: next } as never);
              form.clearFieldError(`${path}.${party.institutionId}`);
            }}
            error={form.errors[`${path}.${party.institutionId}`] as string | undefined}
          />
        );
      })}
    </SimpleGrid>
  );
}
