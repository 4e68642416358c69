import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Divider,
  Group,
  List,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Agreement, AgreementContent } from '../../../contracts/agreements.ts';
import { ApiError } from '../../lib/api.ts';
import { localName } from '../../lib/format.ts';
import { DateField } from '../../ui/DateField.tsx';
import { useInstitutionOptions, useUnits } from '../directory/queries.ts';
import { unitOptions } from '../directory/unit-tree.ts';
import { useSignedInMe } from '../session/session.ts';
import { DiffTable } from './DiffTable.tsx';
import {
  type AreaValues,
  type EditorValues,
  emptyValues,
  fromContent,
  mergeContent,
  newArea,
  newCommitment,
  newTarget,
  serverErrors,
  toPayload,
  validateValues,
} from './editor-model.ts';
import { agreementKindOptions, areaKindOptions, foldedFilter, localTitle, needsParent, renewalOptions, visibilityOptions } from './options.ts';
import { PersonPicker } from './PersonPicker.tsx';
import { type DiffEntry, useCreateAgreement, useFrameworkOptions, useMetrics, useUpdateAgreement } from './queries.ts';

const useEditorForm = (initialValues: EditorValues) => useForm<EditorValues>({ initialValues, validate: validateValues });
type Form = ReturnType<typeof useEditorForm>;

interface PartyInfo {
  code: string;
  name: string;
}

interface Conflict {
  versionNo: number;
  content: AgreementContent;
  changes: DiffEntry[];
}

/**
 * Drafting or editing an agreement's content on one page: general terms, parties, areas with their
 * points of contact, commitments and targets. Checked with the contract before sending; the server's
 * field problems appear under the inputs they name. An edit is based on the version it was loaded at
 * (`baseVersion`); if someone saved meanwhile, their changes are shown and the user chooses.
 */
export function AgreementEditor({
  agreement,
  onSaved,
  onCancel,
}: {
  agreement?: Agreement;
  onSaved: (saved: Agreement) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const institutions = useInstitutionOptions();
  const create = useCreateAgreement();
  const update = useUpdateAgreement(agreement?.id ?? '');
  const [baseVersion, setBaseVersion] = useState(agreement?.versionNo ?? 0);
  const [baseContent, setBaseContent] = useState(() => (agreement ? toPayload(fromContent(agreement.content, agreement.visibility)).content : null) as AgreementContent);
  const [changeNote, setChangeNote] = useState('');
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [knownPeople] = useState(() => agreement?.people ?? {});

  const form = useEditorForm(agreement ? fromContent(agreement.content, agreement.visibility) : emptyValues(me.institution.id));
  const values = form.getValues();

  const partyInfo = (institutionId: string): PartyInfo => {
    const known = institutions.data?.find((institution) => institution.id === institutionId);
    if (known) return { code: known.code, name: localName(known) };
    const party = agreement?.parties.find((p) => p.institutionId === institutionId);
    if (party) return { code: party.code, name: localName(party) };
    return { code: '…', name: '' };
  };

  const submit = form.onSubmit(
    async (submitted) => {
      setProblems([]);
      setFailure(null);
      const payload = toPayload(submitted);
      try {
        const saved = agreement
          ? await update.mutateAsync({ baseVersion, ...payload, changeNote: changeNote.trim() || undefined })
          : await create.mutateAsync(payload);
        setConflict(null);
        form.resetDirty();
        onSaved(saved);
      } catch (error) {
        if (error instanceof ApiError && error.code === 'version_conflict') {
          const current = error.details?.current as { versionNo: number; content: AgreementContent } | undefined;
          if (current) {
            setConflict({
              versionNo: current.versionNo,
              content: current.content,
              changes: (error.details?.changesSinceYourVersion as DiffEntry[] | undefined) ?? [],
            });
            return;
          }
        }
        if (error instanceof ApiError && error.fieldProblems.length > 0) {
          const errors = serverErrors(error.fieldProblems, payload);
          form.setErrors(errors);
          setProblems(describeProblems(errors));
          return;
        }
        setFailure(error instanceof Error ? error.message : String(error));
      }
    },
    (errors) => setProblems(describeProblems(errors as Record<string, string>)),
  );

  /** Each problem with where it is ("Area 1 · Target t1 — Value: required"), for the list above the form. */
  const describeProblems = (errors: Record<string, string>) => {
    const current = form.getValues();
    return [
      ...new Set(
        Object.entries(errors).map(([path, message]) => {
          const area = /^areas\.(\d+)(?:\.(commitments|targets)\.(\d+))?/.exec(path);
          if (!area) return String(message);
          const index = Number(area[1]);
          const places = [t('agreements.editor.areaNumber', { n: index + 1 })];
          const item = area[2] ? current.areas[index]?.[area[2] as 'targets' | 'commitments']?.[Number(area[3])] : undefined;
          if (item) places.push(t(area[2] === 'targets' ? 'agreements.diff.target' : 'agreements.diff.commitment', { key: item.key }));
          return `${places.join(' · ')} — ${String(message)}`;
        }),
      ),
    ];
  };

  const saving = create.isPending || update.isPending;
  const partyIds = values.parties.map((p) => p.institutionId);

  return (
    <form id="agreement-editor" onSubmit={submit} noValidate>
      <Stack gap="lg">
        {conflict && (
          <Alert color="orange" title={t('conflict.title')} role="alert">
            <Stack gap="sm">
              <Text size="sm">{t('agreements.editor.conflict', { n: conflict.versionNo })}</Text>
              <DiffTable
                entries={conflict.changes}
                names={{
                  codes: Object.fromEntries(partyIds.map((id) => [id, partyInfo(id).code])),
                  people: knownPeople,
                  contents: [conflict.content],
                }}
              />
              <Group gap="sm">
                <Button
                  size="xs"
                  onClick={() => {
                    // My edits (what differs from the version I started from) on top of theirs.
                    const mine = toPayload(form.getValues()).content;
                    const merged = mergeContent(baseContent, mine, conflict.content);
                    form.setValues(fromContent(merged, values.visibility));
                    setBaseContent(conflict.content);
                    setBaseVersion(conflict.versionNo);
                    setConflict(null);
                  }}
                >
                  {t('conflict.keepMine')}
                </Button>
                <Button
                  size="xs"
                  variant="default"
                  onClick={() => {
                    form.setValues(fromContent(conflict.content, values.visibility));
                    form.resetDirty();
                    setBaseContent(conflict.content);
                    setBaseVersion(conflict.versionNo);
                    setConflict(null);
                  }}
                >
                  {t('conflict.takeCurrent')}
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
        {failure && (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        )}
        {problems.length > 0 && (
          <Alert color="red" role="alert" title={t('agreements.editor.problems', { count: problems.length })}>
            <List size="sm">
              {problems.map((problem) => (
                <List.Item key={problem}>{problem}</List.Item>
              ))}
            </List>
          </Alert>
        )}

        <Section title={t('agreements.editor.general')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('fields.kind')}
              withAsterisk
              data={agreementKindOptions(t)}
              allowDeselect={false}
              {...form.getInputProps('kind')}
            />
            {needsParent(values.kind) ? <ParentSelect form={form} agreementId={agreement?.id} /> : <div />}
          </SimpleGrid>
          <TextInput label={t('fields.titleVi')} withAsterisk {...form.getInputProps('titleVi')} />
          <TextInput label={t('fields.titleEn')} withAsterisk {...form.getInputProps('titleEn')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Textarea label={t('fields.summaryVi')} autosize minRows={2} maxRows={8} {...form.getInputProps('summaryVi')} />
            <Textarea label={t('fields.summaryEn')} autosize minRows={2} maxRows={8} {...form.getInputProps('summaryEn')} />
          </SimpleGrid>
          <Select
            label={t('fields.visibility')}
            description={t('agreements.editor.visibilityHint')}
            data={visibilityOptions(t)}
            allowDeselect={false}
            {...form.getInputProps('visibility')}
          />
        </Section>

        <Section title={t('agreements.editor.dates')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('fields.signingPlace')} {...form.getInputProps('signingPlace')} />
            <DateField label={t('fields.signingDate')} clearable {...dateProps(form, 'signingDate')} />
            <DateField label={t('fields.startDate')} withAsterisk {...dateProps(form, 'startDate')} />
            <DateField
              label={t('fields.endDate')}
              description={t('agreements.editor.endDateHint')}
              clearable
              {...dateProps(form, 'endDate')}
            />
            <Select label={t('fields.renewal')} data={renewalOptions(t)} allowDeselect={false} {...form.getInputProps('renewal')} />
            {values.renewal !== 'none' && (
              <NumberInput label={t('fields.renewalYears')} min={1} max={50} allowDecimal={false} {...form.getInputProps('renewalYears')} />
            )}
          </SimpleGrid>
        </Section>

        <Section title={t('fields.parties')} description={t('agreements.editor.partiesHint')}>
          <PartiesEditor form={form} partyInfo={partyInfo} myInstitutionId={me.institution.id} />
        </Section>

        <Section title={t('fields.areas')} description={t('agreements.editor.areasHint')}>
          <AreasEditor form={form} partyInfo={partyInfo} knownPeople={knownPeople} />
        </Section>

        {agreement && (
          <Section title={t('fields.changeNote')}>
            <Textarea
              label={t('fields.changeNote')}
              description={t('agreements.editor.changeNoteHint')}
              value={changeNote}
              onChange={(event) => setChangeNote(event.currentTarget.value)}
              autosize
              minRows={2}
            />
          </Section>
        )}

        <Paper withBorder p="sm" radius="md" pos="sticky" bottom={0} style={{ zIndex: 5 }}>
          <Group justify="space-between" gap="sm">
            <Text size="sm" c="dimmed" style={{ flex: '1 1 240px' }}>
              {agreement ? t('agreements.editor.editVoidsApprovals') : t('agreements.editor.createHint')}
            </Text>
            <Group gap="sm">
              <Button variant="default" onClick={onCancel}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={saving}>
                {agreement ? t('agreements.editor.saveVersion') : t('agreements.editor.createDraft')}
              </Button>
            </Group>
          </Group>
        </Paper>
      </Stack>
    </form>
  );
}

function Section({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
  return (
    <Card withBorder padding="lg" component="section" aria-label={title}>
      <Title order={2} size="h4" mb={description ? 4 : 'md'}>
        {title}
      </Title>
      {description && (
        <Text size="sm" c="dimmed" mb="md">
          {description}
        </Text>
      )}
      <Stack gap="sm">{children}</Stack>
    </Card>
  );
}

function dateProps(form: Form, path: string) {
  const props = form.getInputProps(path);
  return { value: props.value as string | null, onChange: (value: string | null) => form.setFieldValue(path, value as never), error: props.error };
}

function ParentSelect({ form, agreementId }: { form: Form; agreementId?: string }) {
  const { t } = useTranslation();
  const frameworks = useFrameworkOptions(true);
  return (
    <Select
      label={t('agreements.editor.parentAgreement')}
      description={t('agreements.editor.parentHint')}
      withAsterisk
      searchable
      filter={foldedFilter}
      data={(frameworks.data ?? [])
        .filter((a) => a.id !== agreementId)
        .map((a) => ({ value: a.id, label: `${localTitle(a)} (${a.parties.map((p) => p.code).join(', ')})` }))}
      nothingFoundMessage={t('agreements.editor.noFramework')}
      {...form.getInputProps('parentId')}
    />
  );
}

function PartiesEditor({
  form,
  partyInfo,
  myInstitutionId,
}: {
  form: Form;
  partyInfo: (id: string) => PartyInfo;
  myInstitutionId: string;
}) {
  const { t } = useTranslation();
  const institutions = useInstitutionOptions();
  const parties = form.getValues().parties;
  const [adding, setAdding] = useState<string | null>(null);
  const available = (institutions.data ?? []).filter((institution) => !parties.some((p) => p.institutionId === institution.id));
  const error = form.errors.parties;
  return (
    <Stack gap="sm">
      {parties.map((party, index) => {
        const info = partyInfo(party.institutionId);
        const mine = party.institutionId === myInstitutionId;
        return (
          <Paper key={party.institutionId} withBorder p="sm" radius="md">
            <Group align="flex-end" gap="sm" wrap="wrap">
              <Stack gap={2} style={{ flex: '1 1 220px', minWidth: 0 }}>
                <Group gap={6}>
                  <Badge variant="outline" miw="max-content">{info.code}</Badge>
                  {mine && (
                    <Badge size="xs" variant="light">
                      {t('agreements.myInstitution')}
                    </Badge>
                  )}
                </Group>
                <Text size="sm" fw={500}>
                  {info.name}
                </Text>
              </Stack>
              <PartyUnitSelect form={form} index={index} institutionId={party.institutionId} code={info.code} />
              {!mine && (
                <Tooltip label={t('agreements.editor.removeParty', { code: info.code })}>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size="lg"
                    aria-label={t('agreements.editor.removeParty', { code: info.code })}
                    onClick={() => form.removeListItem('parties', index)}
                  >
                    <IconTrash size={18} />
                  </ActionIcon>
                </Tooltip>
              )}
            </Group>
          </Paper>
        );
      })}
      {typeof error === 'string' || (error && typeof error !== 'boolean') ? (
        <Text size="sm" c="red" role="alert">
          {String(error)}
        </Text>
      ) : null}
      <Select
        label={t('agreements.editor.addParty')}
        placeholder={t('agreements.editor.addPartyPlaceholder')}
        data={available.map((institution) => ({ value: institution.id, label: `${institution.code} — ${localName(institution)}` }))}
        value={adding}
        searchable
        filter={foldedFilter}
        clearable
        nothingFoundMessage={t('agreements.editor.noInstitution')}
        onChange={(value) => {
          if (!value) return;
          form.insertListItem('parties', { institutionId: value, unitId: null });
          form.clearFieldError('parties');
          setAdding(null);
        }}
      />
    </Stack>
  );
}

function PartyUnitSelect({ form, index, institutionId, code }: { form: Form; index: number; institutionId: string; code: string }) {
  const { t } = useTranslation();
  const units = useUnits(institutionId);
  return (
    <Select
      label={t('agreements.editor.partyUnit', { code })}
      placeholder={t('agreements.editor.wholeInstitution')}
      data={unitOptions((units.data ?? []).filter((unit) => !unit.archived), localName)}
      searchable
      clearable
      style={{ flex: '1 1 240px' }}
      {...form.getInputProps(`parties.${index}.unitId`)}
    />
  );
}

function AreasEditor({
  form,
  partyInfo,
  knownPeople,
}: {
  form: Form;
  partyInfo: (id: string) => PartyInfo;
  knownPeople: Agreement['people'];
}) {
  const { t } = useTranslation();
  const areas = form.getValues().areas;
  const [kind, setKind] = useState<string | null>('training');
  return (
    <Stack gap="md">
      {areas.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('agreements.editor.noAreas')}
        </Text>
      )}
      {areas.map((area, index) => (
        <AreaEditor
          key={area.key}
          form={form}
          index={index}
          area={area}
          count={areas.length}
          partyInfo={partyInfo}
          knownPeople={knownPeople}
        />
      ))}
      <Group align="flex-end" gap="sm">
        <Select
          label={t('agreements.editor.newAreaKind')}
          data={areaKindOptions(t)}
          value={kind}
          onChange={setKind}
          allowDeselect={false}
          style={{ flex: '1 1 220px' }}
        />
        <Button
          variant="light"
          leftSection={<IconPlus size={16} />}
          onClick={() => form.insertListItem('areas', newArea(kind ?? 'custom', form.getValues().areas))}
        >
          {t('agreements.editor.addArea')}
        </Button>
      </Group>
    </Stack>
  );
}

function AreaEditor({
  form,
  index,
  area,
  count,
  partyInfo,
  knownPeople,
}: {
  form: Form;
  index: number;
  area: AreaValues;
  count: number;
  partyInfo: (id: string) => PartyInfo;
  knownPeople: Agreement['people'];
}) {
  const { t } = useTranslation();
  const metrics = useMetrics();
  const values = form.getValues();
  const path = `areas.${index}`;
  const name = area.titleVi || area.titleEn || t(`areaKinds.${area.kind}`);
  const partyOptions = values.parties.map((p) => ({ value: p.institutionId, label: partyInfo(p.institutionId).code }));
  return (
    <Paper withBorder p="md" radius="md" component="fieldset" aria-label={t('agreements.editor.areaNamed', { name })} style={{ margin: 0 }}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Group gap={6}>
            <Text fw={600}>{t('agreements.editor.areaNumber', { n: index + 1 })}</Text>
            <Badge variant="light" color="gray" tt="none" title={t('fields.key')}>
              {area.key}
            </Badge>
          </Group>
          <Group gap={4} wrap="nowrap">
            <ActionIcon
              variant="subtle"
              disabled={index === 0}
              aria-label={t('agreements.editor.moveUp', { name })}
              onClick={() => form.reorderListItem('areas', { from: index, to: index - 1 })}
            >
              <IconArrowUp size={16} />
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              disabled={index === count - 1}
              aria-label={t('agreements.editor.moveDown', { name })}
              onClick={() => form.reorderListItem('areas', { from: index, to: index + 1 })}
            >
              <IconArrowDown size={16} />
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={t('agreements.editor.removeArea', { name })}
              onClick={() => form.removeListItem('areas', index)}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select
            label={t('agreements.editor.areaKind')}
            data={areaKindOptions(t)}
            allowDeselect={false}
            {...form.getInputProps(`${path}.kind`)}
          />
          <TextInput label={t('agreements.editor.areaTitleVi')} withAsterisk {...form.getInputProps(`${path}.titleVi`)} />
          <TextInput label={t('agreements.editor.areaTitleEn')} withAsterisk {...form.getInputProps(`${path}.titleEn`)} />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Textarea label={t('fields.descriptionVi')} autosize minRows={2} {...form.getInputProps(`${path}.descriptionVi`)} />
          <Textarea label={t('fields.descriptionEn')} autosize minRows={2} {...form.getInputProps(`${path}.descriptionEn`)} />
        </SimpleGrid>

        <Divider label={t('fields.contacts')} labelPosition="left" />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {values.parties.map((party) => {
            const info = partyInfo(party.institutionId);
            const personId = area.contacts[party.institutionId] ?? null;
            return (
              <PersonPicker
                key={party.institutionId}
                institutionId={party.institutionId}
                label={t('agreements.editor.contactOf', { code: info.code })}
                value={personId}
                knownName={personId && knownPeople[personId] ? knownPeople[personId].fullName : undefined}
                onChange={(next) => {
                  form.setFieldValue(`${path}.contacts`, { ...form.getValues().areas[index].contacts, [party.institutionId]: next } as never);
                  form.clearFieldError(`${path}.contacts.${party.institutionId}`);
                }}
                error={form.errors[`${path}.contacts.${party.institutionId}`] as string | undefined}
              />
            );
          })}
        </SimpleGrid>

        <Divider label={t('fields.commitments')} labelPosition="left" />
        {area.commitments.map((commitment, c) => (
          <Paper key={commitment.key} withBorder p="sm" radius="sm" bg="var(--mantine-color-gray-0)">
            <Stack gap="xs">
              <Group justify="space-between">
                <Badge variant="light" color="gray" tt="none">
                  {commitment.key}
                </Badge>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t('agreements.editor.removeCommitment', { key: commitment.key })}
                  onClick={() => form.removeListItem(`${path}.commitments`, c)}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <Select
                  label={t('fields.fromInstitutionId')}
                  withAsterisk
                  data={partyOptions}
                  allowDeselect={false}
                  {...form.getInputProps(`${path}.commitments.${c}.fromInstitutionId`)}
                />
                <Select
                  label={t('fields.toInstitutionId')}
                  data={[{ value: '', label: t('agreements.allOtherParties') }, ...partyOptions]}
                  allowDeselect={false}
                  {...form.getInputProps(`${path}.commitments.${c}.toInstitutionId`)}
                />
                <Textarea label={t('fields.textVi')} withAsterisk autosize minRows={1} {...form.getInputProps(`${path}.commitments.${c}.textVi`)} />
                <Textarea label={t('fields.textEn')} withAsterisk autosize minRows={1} {...form.getInputProps(`${path}.commitments.${c}.textEn`)} />
              </SimpleGrid>
              <Group align="flex-end" gap="md">
                <NumberInput
                  label={t('fields.quantity')}
                  min={0}
                  w={160}
                  {...form.getInputProps(`${path}.commitments.${c}.quantity`)}
                />
                <Checkbox
                  label={t('fields.perYear')}
                  mb={8}
                  {...form.getInputProps(`${path}.commitments.${c}.perYear`, { type: 'checkbox' })}
                />
              </Group>
            </Stack>
          </Paper>
        ))}
        <Group>
          <Button
            variant="subtle"
            size="xs"
            leftSection={<IconPlus size={14} />}
            onClick={() => form.insertListItem(`${path}.commitments`, newCommitment(form.getValues().areas[index], values.parties[0]?.institutionId ?? null))}
          >
            {t('agreements.editor.addCommitment')}
          </Button>
        </Group>

        <Divider label={t('fields.targets')} labelPosition="left" />
        {area.targets.map((target, k) => (
          <Paper key={target.key} withBorder p="sm" radius="sm" bg="var(--mantine-color-gray-0)">
            <Group align="flex-end" gap="sm" wrap="wrap">
              <Badge variant="light" color="gray" tt="none" mb={8}>
                {target.key}
              </Badge>
              <Select
                label={t('fields.metric')}
                withAsterisk
                data={(metrics.data ?? []).map((metric) => ({ value: metric.code, label: localName({ nameVi: metric.nameVi, nameEn: metric.nameEn }) }))}
                searchable
                filter={foldedFilter}
                style={{ flex: '2 1 220px' }}
                {...form.getInputProps(`${path}.targets.${k}.metric`)}
              />
              <DateField label={t('fields.periodStart')} withAsterisk style={{ flex: '1 1 140px' }} {...dateProps(form, `${path}.targets.${k}.periodStart`)} />
              <DateField label={t('fields.periodEnd')} withAsterisk style={{ flex: '1 1 140px' }} {...dateProps(form, `${path}.targets.${k}.periodEnd`)} />
              <NumberInput
                label={t('fields.value')}
                withAsterisk
                min={0}
                style={{ flex: '1 1 110px' }}
                {...form.getInputProps(`${path}.targets.${k}.value`)}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                aria-label={t('agreements.editor.removeTarget', { key: target.key })}
                onClick={() => form.removeListItem(`${path}.targets`, k)}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          </Paper>
        ))}
        <Group>
          <Button
            variant="subtle"
            size="xs"
            leftSection={<IconPlus size={14} />}
            onClick={() => form.insertListItem(`${path}.targets`, newTarget(form.getValues().areas[index], values))}
          >
            {t('agreements.editor.addTarget')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
