import { useTranslation } from 'react-i18next';
import { AddItemButton } from './AddItemButton.tsx';
import { CommitmentCard } from './CommitmentCard.tsx';
import type { EditorForm } from './editor-form.ts';
import { type AreaValues, newCommitment } from './editor-model.ts';
import type { PartyInfoOf } from './party-info.ts';

/** What each party commits to in an area; a new one is from the first party. */
export function AreaCommitments({
  form,
  index,
  area,
  partyInfo,
}: {
  form: EditorForm;
  index: number;
  area: AreaValues;
  partyInfo: PartyInfoOf;
}) {
  const { t } = useTranslation();
  const path = `areas.${index}.commitments`;
  const parties = form.getValues().parties;
  const partyOptions = parties.map((p) => ({ value: p.institutionId, label: partyInfo(p.institutionId).code }));
  return (
    <>
      {area.commitments.map((commitment, c) => (
        <CommitmentCard
          key={commitment.key}
          form={form}
          path={`${path}.${c}`}
          number={c + 1}
          partyOptions={partyOptions}
          partyIds={parties.map((p) => p.institutionId)}
          onRemove={() => form.removeListItem(path, c)}
        />
      ))}
      <AddItemButton
        label={t('agreements.editor.addCommitment')}
        onClick={() => form.insertListItem(path, newCommitment(form.getValues().areas[index], parties[0]?.institutionId ?? null))}
      />
    </>
  );
}
