import { useForm } from '@mantine/form';
import { useState } from 'react';
import type { z } from 'zod';
import { currentRecordOf } from './api.ts';
import { changedFields } from './diff.ts';
import { splitApiError, zodValidator } from './form-errors.ts';

// Create and edit forms over a contract schema, one way:
// - client-side validation with the contract (localized like the server's messages);
// - an edit sends only the fields that changed, with the version it was based on;
// - a 409 version_conflict keeps the user's input and offers to re-apply it on the fresh record or to
//   take the fresh values (see <RecordForm>);
// - the server's field problems appear under their inputs, other errors above the form (<RecordForm>).

type Versioned = { version: number };

export interface RecordFormOptions<Values extends Record<string, unknown>, Payload extends object, Saved> {
  schema: z.ZodType;
  /** Form values → the body the API expects (empty strings become null, etc.). */
  toPayload: (values: Values) => Payload;
  /** Receives the validated body; typed loosely because an edit sends only the changed fields. */
  save: (body: never) => Promise<Saved>;
  onSaved: (saved: Saved | undefined) => void;
  /** Create: the empty form. */
  initialValues?: Values;
  /** Edit: the record as loaded, and how to turn a record into form values. */
  record?: Versioned & object;
  fromRecord?: (record: never) => Values;
}

export function useRecordForm<Values extends Record<string, unknown>, Payload extends object, Saved>(
  options: RecordFormOptions<Values, Payload, Saved>,
) {
  const toValues = (record: object) => (options.fromRecord as (record: object) => Values)(record);
  const editing = options.record !== undefined;
  const [base, setBase] = useState<{ values: Values; version: number } | null>(() =>
    options.record ? { values: toValues(options.record), version: options.record.version } : null,
  );
  const [conflict, setConflict] = useState<Record<string, unknown> | null>(null);
  const [error, setError] = useState<string | null>(null);

  const withVersion = (payload: Payload) => (base ? { ...payload, version: base.version } : payload);
  const form = useForm<Values>({
    initialValues: base?.values ?? (options.initialValues as Values),
    validate: zodValidator(options.schema, (values: Values) => withVersion(options.toPayload(values))),
  });

  const submit = form.onSubmit(async (values) => {
    const payload = options.toPayload(values);
    const body = base ? changedFields(options.toPayload(base.values), payload) : payload;
    if (base && Object.keys(body).length === 0) {
      options.onSaved(undefined);
      return;
    }
    setError(null);
    try {
      const saved = await (options.save as (body: object) => Promise<Saved>)(base ? { ...body, version: base.version } : body);
      setConflict(null);
      options.onSaved(saved);
    } catch (failure) {
      const current = currentRecordOf(failure);
      if (current) {
        setConflict(current);
        return;
      }
      const { fieldErrors, message } = splitApiError(failure, Object.keys(form.getValues()));
      form.setErrors(fieldErrors);
      setError(message);
    }
  });

  const adoptCurrent = (current: Record<string, unknown>) => {
    setBase({ values: toValues(current), version: Number(current.version) });
    setConflict(null);
  };

  return {
    form,
    submit,
    editing,
    error,
    conflict: conflict && {
      current: conflict,
      base: base ? (options.toPayload(base.values) as Record<string, unknown>) : {},
      mine: options.toPayload(form.getValues()) as Record<string, unknown>,
      fields: Object.keys(form.getValues()),
      /** Re-apply my edits on top of the fresh version: the next save sends what differs from it. */
      onKeepMine: () => adoptCurrent(conflict),
      onTakeCurrent: () => {
        form.setValues(toValues(conflict));
        form.resetDirty(toValues(conflict));
        adoptCurrent(conflict);
      },
    },
  };
}

/** What <RecordForm> needs from useRecordForm, whatever the form's values. */
export interface RecordFormState {
  form: { submitting: boolean };
  submit: (event?: React.FormEvent<HTMLFormElement>) => void;
  error: string | null;
  conflict: {
    current: Record<string, unknown>;
    base: Record<string, unknown>;
    mine: Record<string, unknown>;
    fields: string[];
    onKeepMine: () => void;
    onTakeCurrent: () => void;
  } | null;
}
