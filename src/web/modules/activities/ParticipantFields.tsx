import { ActionIcon, Button, Divider, Group, NumberInput, Select, Stack, Text, Title } from '@mantine/core';
import { randomId } from '@mantine/hooks';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { PersonPicker } from '../agreements/PersonPicker.tsx';
import type { ActivityFormState } from './activity-form-model.ts';
import { participantRoleOptions } from './options.ts';

// Who took part, in the activity form: the people named (a party's person and their role) and the people counted
// (how many of a role, per party). Each row is added and removed on its own; the parties are the agreement's.

type PartyOption = { value: string; label: string };

/** A list's title (with a hint under it) and its "add" button. */
function RowsHeader({ title, hint, addLabel, onAdd }: { title: string; hint?: string; addLabel: string; onAdd: () => void }) {
  const heading = (
    <Title order={3} size="h5">
      {title}
    </Title>
  );
  return (
    <>
      <Divider mt="xs" />
      <Group justify="space-between">
        {hint ? (
          <Stack gap={0}>
            {heading}
            <Text size="xs" c="dimmed">
              {hint}
            </Text>
          </Stack>
        ) : (
          heading
        )}
        <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={onAdd}>
          {addLabel}
        </Button>
      </Group>
    </>
  );
}

/** The red trash button at the end of a row, level with its inputs. */
function RemoveRowButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <ActionIcon variant="subtle" color="red" mt={26} aria-label={label} onClick={onClick}>
      <IconTrash size={16} />
    </ActionIcon>
  );
}

/** A row's role (lecturer, student, …). */
function RoleSelect({ form, path }: { form: ActivityFormState; path: string }) {
  const { t } = useTranslation();
  return <Select label={t('fields.role')} data={participantRoleOptions(t)} allowDeselect={false} w={150} {...form.getInputProps(path)} />;
}

/** The people named as participants: a party, one of its people, their role. */
export function NamedParticipants({ form, partyOptions }: { form: ActivityFormState; partyOptions: PartyOption[] }) {
  const { t } = useTranslation();
  const rows = form.getValues().participants;
  const add = () =>
    form.insertListItem('participants', { rowKey: randomId(), institutionId: partyOptions[0]?.value ?? null, personId: null, role: 'lecturer' });
  return (
    <>
      <RowsHeader title={t('fields.participants')} addLabel={t('activities.form.addParticipant')} onAdd={add} />
      {rows.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('activities.form.noParticipants')}
        </Text>
      )}
      {rows.map((row, index) => (
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
          <RoleSelect form={form} path={`participants.${index}.role`} />
          <RemoveRowButton label={t('activities.form.removeParticipant')} onClick={() => form.removeListItem('participants', index)} />
        </Group>
      ))}
      {typeof form.errors.participants === 'string' && (
        <Text size="sm" c="red">
          {form.errors.participants}
        </Text>
      )}
    </>
  );
}

/** The people counted without names: a party, a role, how many. */
export function CountedParticipants({ form, partyOptions }: { form: ActivityFormState; partyOptions: PartyOption[] }) {
  const { t } = useTranslation();
  const add = () => form.insertListItem('counts', { rowKey: randomId(), institutionId: partyOptions[0]?.value ?? null, role: 'student', count: '' });
  return (
    <>
      <RowsHeader title={t('fields.counts')} hint={t('activities.form.countsHint')} addLabel={t('activities.form.addCount')} onAdd={add} />
      {form.getValues().counts.map((row, index) => (
        <Group key={row.rowKey} align="flex-start" gap="xs" wrap="wrap">
          <Select
            label={t('fields.institutionId')}
            data={partyOptions}
            allowDeselect={false}
            style={{ flex: 1, minWidth: 200 }}
            {...form.getInputProps(`counts.${index}.institutionId`)}
          />
          <RoleSelect form={form} path={`counts.${index}.role`} />
          <NumberInput
            label={t('fields.count')}
            min={0}
            max={1_000_000}
            allowDecimal={false}
            allowNegative={false}
            w={120}
            {...form.getInputProps(`counts.${index}.count`)}
          />
          <RemoveRowButton label={t('activities.form.removeCount')} onClick={() => form.removeListItem('counts', index)} />
        </Group>
      ))}
    </>
  );
}
