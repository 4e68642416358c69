import { Alert, Stack } from '@mantine/core';
import { useState } from 'react';
import type { Agreement } from '../../../../contracts/agreements.ts';
import { useSignedInMe } from '../../session/session.ts';
import { todayInVietnam } from '../options.ts';
import { fullContent } from '../full-content.ts';
import { AreasSection } from './AreasSection.tsx';
import { ChangeNoteSection } from './ChangeNoteSection.tsx';
import { ContentConflictAlert } from './ContentConflictAlert.tsx';
import { DatesSection } from './DatesSection.tsx';
import { useEditorForm } from './editor-form.ts';
import { emptyValues, fromContent } from './editor-model.ts';
import { GeneralSection } from './GeneralSection.tsx';
import { PartiesSection } from './PartiesSection.tsx';
import { ProblemsAlert } from './ProblemsAlert.tsx';
import { usePartyInfo } from './party-info.ts';
import { SaveBar } from './SaveBar.tsx';
import { useAgreementSave } from './use-agreement-save.ts';

/**
 * Drafting or editing an agreement's content on one page: general terms, dates, parties, areas with
 * their points of contact, commitments and targets. Checked with the contract before sending; the
 * server's field problems appear under the inputs they name. An edit is based on the version it was
 * loaded at; if someone saved meanwhile, their changes are shown and the user chooses.
 */
export function AgreementEditor({
  agreement,
  onSaved,
  onCancel,
}: {
  agreement?: Agreement;
  onSaved: (saved: Agreement) => void;
  onCancel: () => void;
}) {
  const me = useSignedInMe();
  const form = useEditorForm(agreement ? fromContent(fullContent(agreement), agreement.visibility) : emptyValues(me.institution.id), {
    ...me.dates,
    today: todayInVietnam(),
  });
  const partyInfo = usePartyInfo(agreement);
  const [knownPeople] = useState(() => agreement?.people ?? {});
  const save = useAgreementSave(form, agreement, onSaved);
  const { conflict } = save;

  return (
    <form id="agreement-editor" onSubmit={save.submit} noValidate>
      <Stack gap="lg">
        {conflict && (
          <ContentConflictAlert
            conflict={conflict}
            codes={Object.fromEntries(form.getValues().parties.map((p) => [p.institutionId, partyInfo(p.institutionId).code]))}
            knownPeople={knownPeople}
            onKeepMine={() => save.keepMine(conflict)}
            onTakeCurrent={() => save.takeCurrent(conflict)}
          />
        )}
        {save.failure && (
          <Alert color="red" role="alert">
            {save.failure}
          </Alert>
        )}
        <ProblemsAlert problems={save.problems} />
        <GeneralSection form={form} agreementId={agreement?.id} />
        <DatesSection form={form} />
        <PartiesSection form={form} partyInfo={partyInfo} myInstitutionId={me.institution.id} />
        <AreasSection form={form} partyInfo={partyInfo} knownPeople={knownPeople} />
        {agreement && <ChangeNoteSection value={save.changeNote} onChange={save.setChangeNote} />}
        <SaveBar editing={Boolean(agreement)} saving={save.saving} onCancel={onCancel} />
      </Stack>
    </form>
  );
}
