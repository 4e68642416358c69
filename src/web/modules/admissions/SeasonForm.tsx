import { NumberInput, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CreateSeason, UpdateSeason } from '../../../contracts/admissions.ts';
import { useRecordForm } from '../../lib/use-record-form.ts';
import { RecordForm } from '../../ui/RecordForm.tsx';
import { type Season, useCreateSeason, useUpdateSeason } from './queries.ts';

type SeasonValues = { titleVi: string; titleEn: string; year: number | string };

const fromSeason = (s: Season): SeasonValues => ({ titleVi: s.titleVi, titleEn: s.titleEn, year: s.year });
const toPayload = (v: SeasonValues) => ({ titleVi: v.titleVi, titleEn: v.titleEn, year: v.year === '' ? Number.NaN : Number(v.year) });

/** Opens a season (titles, year) or edits one, with the version it was read at (409 when someone saved meanwhile). */
export function SeasonForm({ season, onDone }: { season?: Season; onDone: (saved: Season | undefined) => void }) {
  const { t } = useTranslation();
  const create = useCreateSeason();
  const update = useUpdateSeason(season?.id ?? '');
  const state = useRecordForm({
    schema: season ? UpdateSeason : CreateSeason,
    toPayload,
    save: season ? update.mutateAsync : create.mutateAsync,
    onSaved: onDone,
    initialValues: { titleVi: '', titleEn: '', year: new Date().getFullYear() },
    record: season,
    fromRecord: fromSeason,
  });
  const { form } = state;
  return (
    <RecordForm state={state} onCancel={() => onDone(undefined)}>
      <TextInput label={t('admissions.fields.titleVi')} withAsterisk {...form.getInputProps('titleVi')} />
      <TextInput label={t('admissions.fields.titleEn')} withAsterisk {...form.getInputProps('titleEn')} />
      <NumberInput
        label={t('admissions.fields.year')}
        withAsterisk
        min={1990}
        max={2100}
        allowDecimal={false}
        w={160}
        {...form.getInputProps('year')}
      />
    </RecordForm>
  );
}
