import { DateField } from './DateField.tsx';

/** A date filter kept as YYYY-MM-DD, typed and shown as dd/mm/yyyy. */
export function DateFilter({ label, value, onChange }: { label: string; value: string; onChange: (value: string | null) => void }) {
  return <DateField label={label} value={value} onChange={onChange} clearable />;
}
