import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Person } from '../../../contracts/directory.ts';
import { api } from '../../lib/api.ts';
import { directoryKey, usePerson } from '../directory/queries.ts';

const personLabel = (person: { fullName: string; title: string | null }) => [person.title, person.fullName].filter(Boolean).join(' ');

/**
 * A point of contact: a person of one institution, searched as you type (without diacritics too) in the
 * directory — staff only (`staff=true`: people whose account is only a student's are not offered).
 */
export function PersonPicker({
  institutionId,
  label,
  value,
  onChange,
  error,
  knownName,
}: {
  institutionId: string;
  label: string;
  value: string | null;
  onChange: (personId: string | null) => void;
  error?: string;
  /** The chosen person's name when already known (from the agreement), to avoid a lookup. */
  knownName?: string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [chosenLabel, setChosenLabel] = useState<string | null>(knownName ?? null);
  const typed = search === chosenLabel ? '' : search;
  const [q] = useDebouncedValue(typed.trim(), 250);
  const people = useQuery<Person[]>({
    queryKey: [...directoryKey, 'person-picker', institutionId, q],
    queryFn: ({ signal }) => api.get<{ items: Person[] }>('/people', { institutionId, q, staff: 'true', limit: 20 }, signal).then((r) => r.items),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const found: Person[] = people.data ?? [];
  const chosen = usePerson(value && !knownName && !found.some((p) => p.id === value) ? value : null);
  const options = found.map((person) => ({ value: person.id, label: personLabel(person) }));
  if (value && !options.some((option) => option.value === value)) {
    options.unshift({ value, label: chosen.data ? personLabel(chosen.data) : (chosenLabel ?? knownName ?? '…') });
  }
  return (
    <Select
      label={label}
      placeholder={t('agreements.editor.pickPerson')}
      data={options}
      value={value}
      onChange={(next, option) => {
        setChosenLabel(option?.label ?? null);
        onChange(next);
      }}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      nothingFoundMessage={people.isFetching ? t('common.loading') : t('agreements.editor.nobodyFound')}
      clearable
      error={error}
    />
  );
}
