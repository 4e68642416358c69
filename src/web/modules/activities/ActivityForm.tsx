import { Alert, Button, Checkbox, Divider, Group, MultiSelect, Select, SimpleGrid, Stack, Switch, Text, Textarea, TextInput } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Agreement } from '../../../contracts/agreements.ts';
import { ApiError } from '../../lib/api.ts';
import { changedFields } from '../../lib/diff.ts';
import { notifySuccess, problemText } from '../../lib/form-errors.ts';
import { localName } from '../../lib/format.ts';
import { DateField } from '../../ui/DateField.tsx';
import { localTitle } from '../agreements/options.ts';
import { useSignedInMe } from '../session/session.ts';
import { blankValues, common, createBody, formPath, fromActivity, useActivityForm } from './activity-form-model.ts';
import { activityKindOptions, activityStatusOptions, recurrenceOptions } from './options.ts';
import { CountedParticipants, NamedParticipants } from './ParticipantFields.tsx';
import { type Activity, fetchActivity, useCreateActivity, useUpdateActivity } from './queries.ts';

// Recording an activity, or editing one with the version it was read at. Messages go under their inputs
// (the contract's checks in the browser, the server's field problems after saving); a 409 version_conflict says
// so, loads the activity as it is now and keeps nothing stale. Organisers, counted institutions and the people
// offered are the agreement's parties; the areas offered are those the caller may record in (`recordAreas`).

export function ActivityForm({
  agreement,
  recordAreas,
  activity,
  onDone,
}: {
  agreement: Agreement;
  recordAreas: string[];
  activity?: Activity;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const create = useCreateActivity(agreement.id);
  const update = useUpdateActivity();
  const [base, setBase] = useState<Activity | undefined>(activity);
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  // A message about the whole form shows at its top: brought into view, however far down the user was.
  const top = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (conflict || error) top.current?.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
  }, [conflict, error]);
  const parties = agreement.parties;
  const partyOptions = parties.map((p) => ({ value: p.institutionId, label: `${p.code} — ${localName(p)}` }));
  const areas = agreement.content.areas.filter((area) => recordAreas.includes(area.key) || area.key === activity?.areaKey);
  const areaOptions = areas.map((area) => ({ value: area.key, label: localTitle(area) }));

  const form = useActivityForm(
    activity
      ? fromActivity(activity)
      : blankValues(
          areaOptions.length === 1 ? areaOptions[0].value : null,
          [me.institution.id].filter((id) => parties.some((p) => p.institutionId === id)),
        ),
    base,
    me.dates,
  );
  const values = form.getValues();

  const showProblems = (failure: unknown) => {
    if (!(failure instanceof ApiError)) {
      setError(failure instanceof Error ? failure.message : String(failure));
      return;
    }
    const known = new Set(Object.keys(form.getValues()));
    const unshown: string[] = [];
    for (const problem of failure.fieldProblems) {
      const path = formPath(problem.field);
      if (known.has(path.split('.')[0])) form.setFieldError(path, problemText(problem));
      else unshown.push(problem.message);
    }
    setError(failure.fieldProblems.length === 0 ? failure.message : unshown.length > 0 ? unshown.join(' ') : null);
  };

  const submit = form.onSubmit(async (submitted) => {
    setError(null);
    try {
      if (base) {
        const changes = changedFields(common(fromActivity(base)), common(submitted));
        if (Object.keys(changes).length === 0) {
          onDone();
          return;
        }
        await update.mutateAsync({ id: base.id, body: { ...changes, version: base.version } as never });
        setConflict(null);
        notifySuccess(t('activities.form.saved'));
      } else {
        const created = await create.mutateAsync(createBody(submitted));
        notifySuccess(
          created.items.length > 1 ? t('activities.form.createdSeries', { n: created.items.length }) : t('activities.form.created'),
        );
      }
      onDone();
    } catch (failure) {
      if (base && failure instanceof ApiError && failure.code === 'version_conflict') {
        // Someone saved this activity meanwhile: say so and start again from it as it is now.
        const fresh = await fetchActivity(base.id).catch(() => null);
        if (fresh) {
          setBase(fresh);
          form.setValues(fromActivity(fresh));
          form.resetDirty(fromActivity(fresh));
        }
        setConflict(failure.message);
        return;
      }
      showProblems(failure);
    }
  });

  const planned = values.status === 'planned';

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <div ref={top} />
        {conflict && (
          <Alert color="orange" title={t('conflict.title')} role="alert">
            <Text size="sm">{conflict}</Text>
            <Text size="sm" mt={4}>
              {t('activities.form.conflictReloaded')}
            </Text>
          </Alert>
        )}
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select label={t('fields.areaKey')} withAsterisk data={areaOptions} allowDeselect={false} {...form.getInputProps('areaKey')} />
          <Select
            label={t('fields.kind')}
            withAsterisk
            data={activityKindOptions(t)}
            searchable
            allowDeselect={false}
            {...form.getInputProps('kind')}
          />
        </SimpleGrid>
        <Select
          label={t('fields.status')}
          withAsterisk
          data={activityStatusOptions(t)}
          allowDeselect={false}
          {...form.getInputProps('status')}
        />
        <TextInput label={t('fields.titleVi')} withAsterisk {...form.getInputProps('titleVi')} />
        <TextInput label={t('fields.titleEn')} withAsterisk {...form.getInputProps('titleEn')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <DateField
            label={t('activities.form.startDate')}
            withAsterisk
            {...form.getInputProps('startDate')}
            value={values.startDate}
            onChange={(value) => {
              form.setFieldValue('startDate', value);
              if (!form.getValues().endDate && value && /^\d{4}-\d\d-\d\d$/.test(value)) form.setFieldValue('endDate', value);
            }}
          />
          <DateField label={t('activities.form.endDate')} withAsterisk {...form.getInputProps('endDate')} value={values.endDate} />
        </SimpleGrid>
        <Group align="flex-end" wrap="wrap" gap="md">
          <TextInput label={t('fields.place')} style={{ flex: 1, minWidth: 220 }} {...form.getInputProps('place')} />
          <Switch label={t('activities.form.online')} mb={8} {...form.getInputProps('online', { type: 'checkbox' })} />
        </Group>
        <MultiSelect
          label={t('fields.organiserIds')}
          withAsterisk
          data={partyOptions}
          {...form.getInputProps('organiserIds')}
        />
        <Textarea label={t('fields.descriptionVi')} autosize minRows={2} maxRows={6} {...form.getInputProps('descriptionVi')} />
        <Textarea label={t('fields.descriptionEn')} autosize minRows={2} maxRows={6} {...form.getInputProps('descriptionEn')} />
        <Textarea label={t('fields.outcomes')} autosize minRows={2} maxRows={6} {...form.getInputProps('outcomes')} />

        <NamedParticipants form={form} partyOptions={partyOptions} />
        <CountedParticipants form={form} partyOptions={partyOptions} />

        {!base && planned && (
          <>
            <Divider mt="xs" />
            <Checkbox label={t('activities.form.repeat')} {...form.getInputProps('repeat', { type: 'checkbox' })} />
            {values.repeat && (
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <Select label={t('fields.every')} data={recurrenceOptions(t)} allowDeselect={false} {...form.getInputProps('every')} />
                <DateField label={t('fields.until')} withAsterisk {...form.getInputProps('until')} value={values.until} />
              </SimpleGrid>
            )}
          </>
        )}
        <Group justify="flex-end" gap="sm" mt="sm">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={form.submitting}>
            {base ? t('common.save') : t('activities.form.submitCreate')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
