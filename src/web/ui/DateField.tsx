import { DateInput, type DateInputProps } from '@mantine/dates';
import { useTranslation } from 'react-i18next';

// Dates are kept as YYYY-MM-DD and typed and shown as dd/mm/yyyy (in both languages, as format.ts writes
// them). Mantine's own parser would read a typed "02/10/2025" as 10 February, so typing goes through
// `parseDisplayDate`.

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

/** A date input for YYYY-MM-DD values, typed as dd/mm/yyyy. */
export function DateField({ value, onChange, ...props }: Omit<DateInputProps, 'value' | 'onChange'> & {
  value: string | null | undefined;
  onChange: (value: string | null) => void;
}) {
  const { t } = useTranslation();
  return (
    <DateInput
      valueFormat="DD/MM/YYYY"
      placeholder={t('common.datePlaceholder')}
      dateParser={parseDisplayDate}
      {...props}
      value={value || null}
      onChange={(next) => onChange(next ? String(next).slice(0, 10) : null)}
    />
  );
}
