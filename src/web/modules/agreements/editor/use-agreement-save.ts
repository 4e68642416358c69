import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Agreement, AgreementContent } from '../../../../contracts/agreements.ts';
import { ApiError, currentRecordOf } from '../../../lib/api.ts';
import { fullContent } from '../full-content.ts';
import { type DiffEntry, useCreateAgreement, useUpdateAgreement } from '../queries.ts';
import { describeProblems } from './describe-problems.ts';
import type { EditorForm } from './editor-form.ts';
import { fromContent, mergeContent, serverErrors, toPayload } from './editor-model.ts';

/** Someone saved a newer version while the user was editing: that version and what it changed. */
export interface ContentConflict {
  versionNo: number;
  content: AgreementContent;
  changes: DiffEntry[];
}

/**
 * Creating the draft or saving a new version. An edit is based on the version it was loaded at; on a
 * 409 the newer version is kept in `conflict` until the user re-applies their edits on top of it
 * (`keepMine`) or takes it (`takeCurrent`). The server's field problems go under their inputs and,
 * with where they are, into `problems`; anything else is a `failure`.
 */
export function useAgreementSave(form: EditorForm, agreement: Agreement | undefined, onSaved: (saved: Agreement) => void) {
  const { t } = useTranslation();
  const create = useCreateAgreement();
  const update = useUpdateAgreement(agreement?.id ?? '');
  const [baseVersion, setBaseVersion] = useState(agreement?.versionNo ?? 0);
  const [baseContent, setBaseContent] = useState(
    () => (agreement ? toPayload(fromContent(fullContent(agreement), agreement.visibility)).content : null) as AgreementContent,
  );
  const [changeNote, setChangeNote] = useState('');
  const [conflict, setConflict] = useState<ContentConflict | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [problems, setProblems] = useState<string[]>([]);

  const listProblems = (errors: Record<string, unknown>) => setProblems(describeProblems(t, errors, form.getValues()));

  const submit = form.onSubmit(async (submitted) => {
    setProblems([]);
    setFailure(null);
    const payload = toPayload(submitted);
    try {
      const saved = agreement
        ? await update.mutateAsync({ baseVersion, ...payload, changeNote: changeNote.trim() || undefined })
        : await create.mutateAsync(payload);
      setConflict(null);
      form.resetDirty();
      onSaved(saved);
    } catch (error) {
      const current = currentRecordOf(error) as { versionNo: number; content: AgreementContent } | undefined;
      if (current && error instanceof ApiError) {
        const changes = (error.details?.changesSinceYourVersion as DiffEntry[] | undefined) ?? [];
        setConflict({ versionNo: current.versionNo, content: current.content, changes });
        return;
      }
      if (error instanceof ApiError && error.fieldProblems.length > 0) {
        const errors = serverErrors(error.fieldProblems, payload);
        form.setErrors(errors);
        listProblems(errors);
        return;
      }
      setFailure(error instanceof Error ? error.message : String(error));
    }
  }, listProblems);

  /** From now on the edit is based on the newer version. */
  const rebase = (onto: ContentConflict) => {
    setBaseContent(onto.content);
    setBaseVersion(onto.versionNo);
    setConflict(null);
  };

  return {
    submit,
    saving: create.isPending || update.isPending,
    changeNote,
    setChangeNote,
    conflict,
    failure,
    problems,
    /** My edits (what differs from the version I started from) on top of theirs. */
    keepMine: (onto: ContentConflict) => {
      const mine = toPayload(form.getValues()).content;
      form.setValues(fromContent(mergeContent(baseContent, mine, onto.content), form.getValues().visibility));
      rebase(onto);
    },
    takeCurrent: (onto: ContentConflict) => {
      form.setValues(fromContent(onto.content, form.getValues().visibility));
      form.resetDirty();
      rebase(onto);
    },
  };
}
