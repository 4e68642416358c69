import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Divider,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { randomId } from '@mantine/hooks';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CreateActivity, UpdateActivity } from '../../../contracts/activities.ts';
import type { Agreement } from '../../../contracts/agreements.ts';
import { ApiError } from '../../lib/api.ts';
import { changedFields } from '../../lib/diff.ts';
import { notifySuccess, problemText, typedDateProblem, inputMessage, zodErrorsByPath } from '../../lib/form-errors.ts';
import { localName } from '../../lib/format.ts';
import { localTitle } from '../agreements/options.ts';
import { PersonPicker } from '../agreements/PersonPicker.tsx';
import { useSignedInMe } from '../session/session.ts';
import { DateField } from '../../ui/DateField.tsx';
import { activityKindOptions, activityStatusOptions, participantRoleOptions, recurrenceOptions } from './options.ts';
import { type Activity, type CreateActivityBody, fetchActivity, useCreateActivity, useUpdateActivity } from './queries.ts';

// Recording an activity, or editing one with the version it was read at. Messages go under their inputs
// (the contract's checks in the browser, the server's field problems after saving); a 409 version_conflict says
// so, loads the activity as it is now and keeps nothing stale. Organisers, counted institutions and the people
// offered are the agreement's parties; the areas offered are those the caller may record in (`recordAreas`).

// `rowKey` keeps each row's inputs with it when another row is removed; it is never sent.
type ParticipantRow = { rowKey: string; institutionId: string | null; personId: string | null; role: string; name?: string };
type CountRow = { rowKey: string; institutionId: string | null; role: string; count: number | string };

interface Values {
  areaKey: string | null;
  kind: string | null;
  status: string;
  titleVi: string;
  titleEn: string;
  descriptionVi: string;
  descriptionEn: string;
  startDate: string | null;
  endDate: string | null;
  place: string;
  online: boolean;
  outcomes: string;
  organiserIds: string[];
  participants: ParticipantRow[];
  counts: CountRow[];
  repeat: boolean;
  every: string | null;
  until: string | null;
}

function fromActivity(activity: Activity): Values {
  return {
    areaKey: activity.areaKey,
    kind: activity.kind,
    status: activity.status,
    titleVi: activity.titleVi,
    titleEn: activity.titleEn,
    descriptionVi: activity.descriptionVi,
    descriptionEn: activity.descriptionEn,
    startDate: activity.startDate,
    endDate: activity.endDate,
    place: activity.place,
    online: activity.online,
    outcomes: activity.outcomes,
    organiserIds: activity.organisers.map((o) => o.institutionId),
    participants: activity.participants.map((p) => ({ rowKey: randomId(), institutionId: p.institutionId, personId: p.personId, role: p.role, name: p.name })),
    counts: activity.counts.map((c) => ({ rowKey: randomId(), institutionId: c.institutionId, role: c.role, count: c.count })),
    repeat: false,
    every: null,
    until: null,
  };
}

/** The fields both bodies share, as the API expects them. */
function common(values: Values) {
  return {
    areaKey: values.areaKey ?? '',
    kind: values.kind ?? undefined,
    status: values.status,
    titleVi: values.titleVi.trim(),
    titleEn: values.titleEn.trim(),
    descriptionVi: values.descriptionVi,
    descriptionEn: values.descriptionEn,
    startDate: values.startDate ?? undefined,
    endDate: values.endDate ?? undefined,
    place: values.place.trim(),
    online: values.online,
    outcomes: values.outcomes,
    organiserIds: values.organiserIds,
    participants: values.participants.map((p) => ({ personId: p.personId ?? '', role: p.role })),
    counts: values.counts.map((c) => ({ institutionId: c.institutionId ?? '', role: c.role, count: c.count === '' ? -1 : Number(c.count) })),
  };
}

function createBody(values: Values): CreateActivityBody {
  const recurrence = values.repeat && values.status === 'planned' ? { every: values.every ?? '', until: values.until ?? '' } : null;
  return { ...common(values), recurrence } as CreateActivityBody;
}

/** Where a problem of the body shows in the form: `recurrence.until` under the "until" input. */
const formPath = (path: string) => path.replace(/^recurrence\./, '');

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

  const form = useForm<Values>({
    initialValues: activity
      ? fromActivity(activity)
      : {
          areaKey: areaOptions.length === 1 ? areaOptions[0].value : null,
          kind: null,
          status: 'done',
          titleVi: '',
          titleEn: '',
          descriptionVi: '',
          descriptionEn: '',
          startDate: null,
          endDate: null,
          place: '',
          online: false,
          outcomes: '',
          organiserIds: [me.institution.id].filter((id) => parties.some((p) => p.institutionId === id)),
          participants: [],
          counts: [],
          repeat: false,
          every: 'month',
          until: null,
        },
    validate: (values) => {
      const payload = base ? { ...common(values), version: base.version } : createBody(values);
      const errors: Record<string, string> = {};
      for (const [path, message] of Object.entries(zodErrorsByPath(base ? UpdateActivity : CreateActivity, payload))) {
        errors[formPath(path)] ??= message;
      }
      const start = typedDateProblem('startDate', values.startDate, me.dates, true);
      const end = typedDateProblem('endDate', values.endDate, me.dates, true);
      if (start) errors.startDate = start;
      else delete errors.startDate;
      if (end) errors.endDate = end;
      else if (values.startDate && values.endDate && values.endDate < values.startDate) errors.endDate = inputMessage('endDate', 'before_start');
      else delete errors.endDate;
      if (values.repeat && values.status === 'planned') {
        const until = typedDateProblem('until', values.until, me.dates, true);
        if (until) errors.until = until;
      }
      if (!values.areaKey) errors.areaKey = inputMessage('areaKey', 'required');
      if (!values.kind) errors.kind = inputMessage('kind', 'required');
      values.participants.forEach((p, i) => {
        if (!p.personId) errors[`participants.${i}.personId`] = inputMessage('personId', 'required');
      });
      values.counts.forEach((c, i) => {
        if (!c.institutionId) errors[`counts.${i}.institutionId`] = inputMessage('institutionId', 'required');
        if (c.count === '') errors[`counts.${i}.count`] = inputMessage('count', 'required');
      });
      return errors;
    },
  });
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

  const addParticipant = () =>
    form.insertListItem('participants', { rowKey: randomId(), institutionId: parties[0]?.institutionId ?? null, personId: null, role: 'lecturer' });
  const addCount = () => form.insertListItem('counts', { rowKey: randomId(), institutionId: parties[0]?.institutionId ?? null, role: 'student', count: '' });
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

        <Divider mt="xs" />
        <Group justify="space-between">
          <Title order={3} size="h5">
            {t('fields.participants')}
          </Title>
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={addParticipant}>
            {t('activities.form.addParticipant')}
          </Button>
        </Group>
        {values.participants.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('activities.form.noParticipants')}
          </Text>
        )}
        {values.participants.map((row, index) => (
          <Group key={row.rowKey} align="flex-start" gap="xs" wrap="wrap">
            <Select
              label={t('fields.institutionId')}
              data={partyOptions.map((o) => ({ ...o, label: o.label.split(' — ')[0] }))}
              allowDeselect={false}
              w={130}
              value={row.institutionId}
              onChange={(value) => {
                form.setFieldValue(`participants.${index}.institutionId`, value);
                form.setFieldValue(`participants.${index}.personId`, null);
              }}
            />
            <div style={{ flex: 1, minWidth: 200 }}>
              {row.institutionId && (
                <PersonPicker
                  institutionId={row.institutionId}
                  label={t('fields.personId')}
                  value={row.personId}
                  knownName={row.name}
                  onChange={(personId) => form.setFieldValue(`participants.${index}.personId`, personId)}
                  error={form.errors[`participants.${index}.personId`] as string | undefined}
                />
              )}
            </div>
            <Select
              label={t('fields.role')}
              data={participantRoleOptions(t)}
              allowDeselect={false}
              w={150}
              {...form.getInputProps(`participants.${index}.role`)}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              mt={26}
              aria-label={t('activities.form.removeParticipant')}
              onClick={() => form.removeListItem('participants', index)}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        ))}
        {typeof form.errors.participants === 'string' && (
          <Text size="sm" c="red">
            {form.errors.participants}
          </Text>
        )}

        <Divider mt="xs" />
        <Group justify="space-between">
          <Stack gap={0}>
            <Title order={3} size="h5">
              {t('fields.counts')}
            </Title>
            <Text size="xs" c="dimmed">
              {t('activities.form.countsHint')}
            </Text>
          </Stack>
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={addCount}>
            {t('activities.form.addCount')}
          </Button>
        </Group>
        {values.counts.map((row, index) => (
          <Group key={row.rowKey} align="flex-start" gap="xs" wrap="wrap">
            <Select
              label={t('fields.institutionId')}
              data={partyOptions}
              allowDeselect={false}
              style={{ flex: 1, minWidth: 200 }}
              {...form.getInputProps(`counts.${index}.institutionId`)}
            />
            <Select
              label={t('fields.role')}
              data={participantRoleOptions(t)}
              allowDeselect={false}
              w={150}
              {...form.getInputProps(`counts.${index}.role`)}
            />
            <NumberInput
              label={t('fields.count')}
              min={0}
              max={1_000_000}
              allowDecimal={false}
              allowNegative={false}
              w={120}
              {...form.getInputProps(`counts.${index}.count`)}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              mt={26}
              aria-label={t('activities.form.removeCount')}
              onClick={() => form.removeListItem('counts', index)}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        ))}

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
