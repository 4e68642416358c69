import { useForm } from '@mantine/form';
import type { DateRules } from '../../../../engines/agreements/date-rules.ts';
import { i18n } from '../../../lib/i18n.ts';
import { type EditorValues, type KindTitles, validateValues } from './editor-model.ts';

// The editor's form (Mantine, checked with the contract and the date rules before sending) as its sections
// receive it.

export const useEditorForm = (initialValues: EditorValues, dates: DateRules) =>
  useForm<EditorValues>({ initialValues, validate: (values) => validateValues(values, dates) });
export type EditorForm = ReturnType<typeof useEditorForm>;

/** An area kind's name in both languages (areaKinds.* of the locale files): the titles proposed for an area of that kind. */
export const kindTitles: KindTitles = (kind) => ({
  vi: i18n.t(`areaKinds.${kind}`, { lng: 'vi' }),
  en: i18n.t(`areaKinds.${kind}`, { lng: 'en' }),
});

/** The props of a <DateField> bound to the form value at `path` (kept as YYYY-MM-DD or null). */
export function dateInputProps(form: EditorForm, path: string) {
  const props = form.getInputProps(path);
  return {
    value: props.value as string | null,
    onChange: (value: string | null) => form.setFieldValue(path, value as never),
    error: props.error,
  };
}
