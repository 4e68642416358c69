import { DateInput, type DateInputProps } from '@mantine/dates';
import { type FocusEvent, useRef } from 'react';
import { useTranslation } from 'react-i18next';

// Dates are kept as YYYY-MM-DD and typed and shown as dd/mm/yyyy (in both languages, as format.ts writes
// them). Mantine's own parser would read a typed "02/10/2025" as 10 February, so typing goes through
// `parseDisplayDate`.
//
// What was typed is never dropped: Mantine's input puts the last valid date back when it loses focus
// ("31/02/2025" silently became empty, or stayed the previous date). Here a text that is not a date stays
// as typed and goes to `onChange` as it is, so the form's check (the contract's IsoDate) reports it under
// the input ("not a valid date — type it as dd/mm/yyyy") and nothing is saved until it is corrected.

/** "2/10/2025", "02/10/2025", "02.10.2025" or "2025-10-02" → "2025-10-02"; anything else → null. */
export function parseDisplayDate(text: string): string | null {
  const trimmed = text.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(trimmed);
  const parts = iso ? [iso[1], iso[2], iso[3]] : dmy ? [dmy[3], dmy[2], dmy[1]] : null;
  if (!parts) return null;
  const [year, month, day] = parts as [string, string, string];
  const value = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value ? value : null;
}

const isIsoDate = (value: string | null | undefined): value is string => typeof value === 'string' && /^\d{4}-\d\d-\d\d$/.test(value);

/**
 * What a date input holds once the user leaves it: null when emptied, the date when the text is one, else
 * the text itself (not a date: the form's check reports it).
 */
export function typedDateValue(text: string): string | null {
  if (text.trim() === '') return null;
  return parseDisplayDate(text) ?? text.trim();
}

/** A date input for YYYY-MM-DD values, typed as dd/mm/yyyy; text that is not a date is kept and passed on as typed. */
export function DateField({ value, onChange, onBlur, ...props }: Omit<DateInputProps, 'value' | 'onChange'> & {
  value: string | null | undefined;
  onChange: (value: string | null) => void;
}) {
  const { t } = useTranslation();
  // Mantine's input rewrites its text whenever its value changes: while the form holds a text that is not a
  // date, it keeps being given the last real date, so that what the user typed stays in view.
  const lastDate = useRef<string | null>(isIsoDate(value) ? value : null);
  if (isIsoDate(value) || value == null) lastDate.current = value ?? null;
  const shown = isIsoDate(value) || value == null ? (value ?? null) : lastDate.current;
  const leave = (event: FocusEvent<HTMLInputElement>) => {
    onBlur?.(event);
    const next = typedDateValue(event.currentTarget.value);
    if (next !== (value ?? null)) onChange(next);
  };
  return (
    <DateInput
      valueFormat="DD/MM/YYYY"
      placeholder={t('common.datePlaceholder')}
      dateParser={parseDisplayDate}
      fixOnBlur={false}
      {...props}
      value={shown}
      onChange={(next) => onChange(next ? String(next).slice(0, 10) : null)}
      onBlur={leave}
    />
  );
}
