import { Box, NumberInput, type NumberInputProps, Select, type SelectProps } from '@mantine/core';
import { createContext, type ReactNode, useContext, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { withoutField } from '../lib/form-errors.ts';
import { DateField } from './DateField.tsx';
import { SearchInput } from './SearchInput.tsx';
import type { UrlFilters } from './url-filters.ts';

// The filters above every list (pass it as <DataTable filters>): inputs laid out on a grid, each bound by
// `name` to one URL parameter of the list's useUrlFilters. Other children (a "more filters" toggle) take
// a cell of the grid too.
//
//   <FilterBar filters={filters}>
//     <FilterSearch name="q" label={…} />
//     <FilterSelect name="kind" label={…} data={…} />
//     <FilterSelect name="sort" label={…} data={…} defaultValue="name" />
//   </FilterBar>

const FiltersContext = createContext<UrlFilters | null>(null);

export function FilterBar<K extends string>({ filters, children }: { filters: UrlFilters<K>; children: ReactNode }) {
  return (
    <FiltersContext.Provider value={filters as unknown as UrlFilters}>
      <Box
        style={{
          display: 'grid',
          gap: 'var(--mantine-spacing-sm)',
          gridTemplateColumns: 'repeat(auto-fill, minmax(170px, 1fr))',
          alignItems: 'end',
        }}
      >
        {children}
      </Box>
    </FiltersContext.Provider>
  );
}

/** The list's filters, checking that `name` is one of them (a typo would silently filter nothing). */
function useFilters(name: string): UrlFilters {
  const filters = useContext(FiltersContext);
  if (!filters) throw new Error(`filter "${name}" is outside a <FilterBar>`);
  if (!filters.keys.includes(name)) throw new Error(`"${name}" is not one of this list's filters (${filters.keys.join(', ')})`);
  return filters;
}

/** Search as you type: the URL (and the list) follows once typing pauses. */
export function FilterSearch({ name, label, placeholder }: { name: string; label: string; placeholder?: string }) {
  const { values, setFilter } = useFilters(name);
  return <SearchInput label={label} placeholder={placeholder} value={values[name]} onSearch={(text) => setFilter(name, text)} />;
}

/**
 * One of a list of values. Without `defaultValue` an empty filter shows "all" and the choice can be cleared.
 * With it (a sort order, whether archived records show), no parameter means `defaultValue`: it is shown,
 * choosing it removes the parameter, and there is always a choice. `resets` are filters that no longer
 * apply once this one changes (a unit of another institution).
 */
export function FilterSelect({
  name,
  defaultValue,
  resets = [],
  ...props
}: Omit<SelectProps, 'value' | 'onChange' | 'defaultValue'> & { name: string; defaultValue?: string; resets?: string[] }) {
  const { t } = useTranslation();
  const { values, setFilters } = useFilters(name);
  const choose = (value: string | null) =>
    setFilters({ [name]: value === defaultValue ? null : value, ...Object.fromEntries(resets.map((other) => [other, null])) });
  if (defaultValue !== undefined) {
    return <Select allowDeselect={false} {...props} value={values[name] || defaultValue} onChange={choose} />;
  }
  return <Select placeholder={t('common.all')} clearable {...props} value={values[name] || null} onChange={choose} />;
}

/**
 * A whole number; emptied, the filter is off. A number below `min` or above `max` stays as typed, is said to be
 * out of bounds under the input and does not filter.
 */
export function FilterNumber({ name, label, min, max, ...props }: Omit<NumberInputProps, 'value' | 'onChange'> & { name: string; label: string }) {
  const { t } = useTranslation();
  const { values, setFilter } = useFilters(name);
  const [outOfBounds, setOutOfBounds] = useState<number | null>(null);
  const change = (value: number | string) => {
    const n = value === '' ? null : Number(value);
    const refused = n !== null && ((min !== undefined && n < min) || (max !== undefined && n > max));
    setOutOfBounds(refused ? n : null);
    if (!refused) setFilter(name, n === null ? null : String(n));
  };
  const error =
    outOfBounds === null
      ? undefined
      : min !== undefined && outOfBounds < min
        ? withoutField(t('validation.too_small_number', { field: label, minimum: min }), label)
        : withoutField(t('validation.too_big_number', { field: label, maximum: max }), label);
  return (
    <NumberInput
      {...props}
      label={label}
      min={min}
      max={max}
      clampBehavior="none"
      value={outOfBounds ?? values[name]}
      onChange={change}
      error={error}
    />
  );
}

/** A date kept as YYYY-MM-DD, typed and shown as dd/mm/yyyy; a text that is not a date stays, is reported and does not filter. */
export function FilterDate({ name, label }: { name: string; label: string }) {
  const { t } = useTranslation();
  const { values, setFilter } = useFilters(name);
  const [typed, setTyped] = useState<string | null>(null);
  const change = (value: string | null) => {
    const isDate = value === null || /^\d{4}-\d\d-\d\d$/.test(value);
    setTyped(isDate ? null : value);
    if (isDate) setFilter(name, value);
  };
  return (
    <DateField
      label={label}
      value={typed ?? values[name]}
      onChange={change}
      error={typed ? withoutField(t('validation.invalid_format_date', { field: label }), label) : undefined}
      clearable
    />
  );
}
