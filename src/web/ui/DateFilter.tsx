import { DateInput } from '@mantine/dates';

/** A date filter kept as YYYY-MM-DD, typed and shown as dd/mm/yyyy. */
export function DateFilter({ label, value, onChange }: { label: string; value: string; onChange: (value: string | null) => void }) {
  return <DateInput label={label} value={value || null} onChange={onChange} valueFormat="DD/MM/YYYY" placeholder="dd/mm/yyyy" clearable />;
}
