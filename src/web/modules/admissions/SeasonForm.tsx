import { NumberInput, Select, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CreateSeason, UpdateSeason } from '../../../contracts/admissions.ts';
import { localName } from '../../lib/format.ts';
import { useRecordForm } from '../../lib/use-record-form.ts';
import { RecordForm } from '../../ui/RecordForm.tsx';
import { useConsortia } from '../directory/queries.ts';
import { type Season, useCreateSeason, useUpdateSeason } from './queries.ts';

type SeasonValues = { titleVi: string; titleEn: string; year: number | string; consortiumId: string | null };

const fromSeason = (s: Season): SeasonValues => ({ titleVi: s.titleVi, titleEn: s.titleEn, year: s.year, consortiumId: s.consortiumId });
const fields = (v: SeasonValues) => ({ titleVi: v.titleVi, titleEn: v.titleEn, year: v.year === '' ? Number.NaN : Number(v.year) });
/** A new season may be a consortium's (its members' programs matched together); an existing one keeps what it is. */
const createPayload = (v: SeasonValues) => ({ ...fields(v), consortiumId: v.consortiumId });

/** Opens a season (titles, year, alone or for a consortium) or edits one, with the version it was read at (409 when stale). */
export function SeasonForm({ season, onDone }: { season?: Season; onDone: (saved: Season | undefined) => void }) {
  const { t } = useTranslation();
  const create = useCreateSeason();
  const update = useUpdateSeason(season?.id ?? '');
  const consortia = useConsortia();
  const state = useRecordForm({
    schema: season ? UpdateSeason : CreateSeason,
    toPayload: season ? fields : createPayload,
    save: season ? update.mutateAsync : create.mutateAsync,
    onSaved: onDone,
    initialValues: { titleVi: '', titleEn: '', year: new Date().getFullYear(), consortiumId: null },
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
      {!season && (consortia.data?.length ?? 0) > 0 && (
        <Select
          label={t('admissions.fields.consortium')}
          description={t('admissions.seasonForm.consortiumHint')}
          placeholder={t('admissions.seasonForm.alone')}
          data={(consortia.data ?? []).map((c) => ({ value: c.id, label: localName(c) }))}
          clearable
          {...form.getInputProps('consortiumId')}
        />
      )}
    </RecordForm>
  );
}
