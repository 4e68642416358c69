import { useForm } from '@mantine/form';
import { type EditorValues, validateValues } from './editor-model.ts';

// The editor's form (Mantine, checked with the contract before sending) as its sections receive it.

export const useEditorForm = (initialValues: EditorValues) => useForm<EditorValues>({ initialValues, validate: validateValues });
export type EditorForm = ReturnType<typeof useEditorForm>;

/** The props of a <DateField> bound to the form value at `path` (kept as YYYY-MM-DD or null). */
export function dateInputProps(form: EditorForm, path: string) {
  const props = form.getInputProps(path);
  return {
    value: props.value as string | null,
    onChange: (value: string | null) => form.setFieldValue(path, value as never),
    error: props.error,
  };
}
