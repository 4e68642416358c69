import { ActionIcon, Alert, Button, Card, Group, Select, SimpleGrid, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { localName, localText } from '../../lib/format.ts';
import { splitApiError } from '../../lib/form-errors.ts';
import { PersonPicker } from '../../modules/agreements/PersonPicker.tsx';
import { useAgreement } from '../../modules/agreements/queries.ts';
import { type CreateDelegationBody, useCreateDelegation } from '../../modules/delegations/queries.ts';
import { useSignedInMe } from '../../modules/session/session.ts';
import { DateField } from '../../ui/DateField.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryFallback } from '../../ui/QueryFallback.tsx';

type Guest = NonNullable<CreateDelegationBody['guests']>[number];
const emptyGuest = (): Guest => ({ fullName: '', title: '', gender: 'female', dateOfBirth: '', nationality: '', passportNumber: '', passportExpiry: '' });
const BUDGET = ['institution', 'partner', 'project', 'state', 'sponsor', 'other'] as const;

/** Request a delegation under an agreement (`?agreement=`): a draft the officer submits from its page. */
export function NewDelegationPage() {
  const [params] = useSearchParams();
  const agreement = useAgreement(params.get('agreement') ?? '');
  if (!agreement.data) return <QueryFallback query={agreement} />;
  return <DelegationForm agreement={agreement.data} />;
}

function DelegationForm({ agreement }: { agreement: NonNullable<ReturnType<typeof useAgreement>['data']> }) {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const navigate = useNavigate();
  const create = useCreateDelegation(agreement.id);
  const partners = agreement.parties.filter((p) => p.institutionId !== me.institution.id);
  const [v, setV] = useState({
    direction: 'incoming' as 'incoming' | 'outgoing',
    partnerId: partners[0]?.institutionId ?? '',
    areaKey: agreement.content.areas[0]?.key ?? '',
    titleVi: '',
    titleEn: '',
    purposeVi: '',
    purposeEn: '',
    startDate: '',
    endDate: '',
    budgetSource: 'institution' as (typeof BUDGET)[number],
    budgetNote: '',
    lodging: '',
  });
  const [guests, setGuests] = useState<Guest[]>([emptyGuest()]);
  const [members, setMembers] = useState<{ personId: string | null; role: string }[]>([]);
  const set = (key: keyof typeof v) => (value: string | null) => setV({ ...v, [key]: value ?? '' });
  const guestFields = guests.flatMap((_, i) => Object.keys(emptyGuest()).map((k) => `guests.${i}.${k}`));
  const inputs = [...Object.keys(v), 'guests', ...guestFields, ...members.map((_, i) => `members.${i}.personId`)];
  const { fieldErrors, message } = create.error ? splitApiError(create.error, inputs) : { fieldErrors: {} as Record<string, string>, message: null };
  const save = () => {
    const body: CreateDelegationBody = {
      ...v,
      guests: v.direction === 'incoming' ? guests : [],
      members: members.filter((m) => m.personId).map((m) => ({ personId: m.personId!, role: m.role })),
      programme: [],
    };
    create.mutate(body, { onSuccess: (d) => navigate(`/delegations/${d.id}`) });
  };
  const text = (key: keyof typeof v, label: string, area = false) => {
    const Input = area ? Textarea : TextInput;
    return <Input label={label} value={v[key]} onChange={(e) => set(key)(e.currentTarget.value)} error={fieldErrors[key]} />;
  };
  return (
    <>
      <PageHeader title={t('delegations.form.title')} description={localText(agreement.content.titleVi, agreement.content.titleEn)} />
      <Stack>
        {message && <Alert color="red">{message}</Alert>}
        <Card withBorder>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('delegations.fields.direction')}
              allowDeselect={false}
              value={v.direction}
              onChange={set('direction')}
              data={['incoming', 'outgoing'].map((value) => ({ value, label: t(`delegations.direction.${value}`) }))}
            />
            <Select
              label={t('delegations.fields.partner')}
              allowDeselect={false}
              value={v.partnerId}
              onChange={set('partnerId')}
              error={fieldErrors.partnerId}
              data={partners.map((p) => ({ value: p.institutionId, label: localName(p) }))}
            />
            <Select
              label={t('delegations.fields.area')}
              allowDeselect={false}
              value={v.areaKey}
              onChange={set('areaKey')}
              error={fieldErrors.areaKey}
              data={agreement.content.areas.map((a) => ({ value: a.key, label: localText(a.titleVi, a.titleEn) }))}
            />
            <Select
              label={t('delegations.fields.budgetSource')}
              allowDeselect={false}
              value={v.budgetSource}
              onChange={set('budgetSource')}
              data={BUDGET.map((value) => ({ value, label: t(`delegations.budget.${value}`) }))}
            />
            {text('titleVi', t('delegations.fields.titleVi'))}
            {text('titleEn', t('delegations.fields.titleEn'))}
            {text('purposeVi', t('delegations.fields.purposeVi'), true)}
            {text('purposeEn', t('delegations.fields.purposeEn'), true)}
            <DateField label={t('delegations.fields.startDate')} value={v.startDate || null} onChange={set('startDate')} error={fieldErrors.startDate} />
            <DateField label={t('delegations.fields.endDate')} value={v.endDate || null} onChange={set('endDate')} error={fieldErrors.endDate} />
            {text('budgetNote', t('delegations.fields.budgetNote'))}
            {text('lodging', t('delegations.fields.lodging'))}
          </SimpleGrid>
        </Card>
        <Card withBorder>
          <Stack gap="xs">
            <Title order={3}>{t('delegations.fields.members')}</Title>
            {members.map((m, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows being typed have no id yet
              <Group key={i} align="flex-end">
                <PersonPicker
                  institutionId={me.institution.id}
                  label={t('delegations.fields.member')}
                  value={m.personId}
                  onChange={(personId) => setMembers(members.map((x, j) => (j === i ? { ...x, personId } : x)))}
                  error={fieldErrors[`members.${i}.personId`]}
                />
                <TextInput label={t('delegations.fields.role')} value={m.role} onChange={(e) => setMembers(members.map((x, j) => (j === i ? { ...x, role: e.currentTarget.value } : x)))} />
                <ActionIcon variant="subtle" aria-label={t('delegations.form.remove')} onClick={() => setMembers(members.filter((_, j) => j !== i))}>
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
            ))}
            <Group>
              <Button variant="default" onClick={() => setMembers([...members, { personId: null, role: '' }])}>
                {t('delegations.form.addMember')}
              </Button>
            </Group>
          </Stack>
        </Card>
        {v.direction === 'incoming' && (
          <Card withBorder>
            <Stack gap="xs">
              <Title order={3}>{t('delegations.guests.title')}</Title>
              {guests.map((g, i) => {
                const setG = (key: keyof Guest, value: string) => setGuests(guests.map((x, j) => (j === i ? { ...x, [key]: value } : x)));
                const err = (key: string) => fieldErrors[`guests.${i}.${key}`];
                return (
                  // biome-ignore lint/suspicious/noArrayIndexKey: guests being typed have no id yet
                  <SimpleGrid key={i} cols={{ base: 1, sm: 4 }}>
                    <TextInput label={t('delegations.guests.fullName')} value={g.fullName} onChange={(e) => setG('fullName', e.currentTarget.value)} error={err('fullName')} />
                    <TextInput label={t('delegations.guests.titleLabel')} value={g.title ?? ''} onChange={(e) => setG('title', e.currentTarget.value)} />
                    <Select
                      label={t('delegations.guests.gender')}
                      allowDeselect={false}
                      value={g.gender}
                      onChange={(value) => setG('gender', value ?? 'other')}
                      data={['female', 'male', 'other'].map((value) => ({ value, label: t(`delegations.gender.${value}`) }))}
                    />
                    <DateField label={t('delegations.guests.dateOfBirth')} value={g.dateOfBirth || null} onChange={(value) => setG('dateOfBirth', value ?? '')} error={err('dateOfBirth')} />
                    <TextInput label={t('delegations.guests.nationality')} description={t('delegations.guests.nationalityHint')} value={g.nationality} onChange={(e) => setG('nationality', e.currentTarget.value)} error={err('nationality')} />
                    <TextInput label={t('delegations.guests.passportNumber')} value={g.passportNumber} onChange={(e) => setG('passportNumber', e.currentTarget.value)} error={err('passportNumber')} />
                    <DateField label={t('delegations.guests.passportExpiry')} value={g.passportExpiry || null} onChange={(value) => setG('passportExpiry', value ?? '')} error={err('passportExpiry')} />
                    <Group align="flex-end">
                      <Button variant="subtle" color="red" onClick={() => setGuests(guests.filter((_, j) => j !== i))}>
                        {t('delegations.form.remove')}
                      </Button>
                    </Group>
                  </SimpleGrid>
                );
              })}
              {fieldErrors.guests && <Alert color="red">{fieldErrors.guests}</Alert>}
              <Group>
                <Button variant="default" onClick={() => setGuests([...guests, emptyGuest()])}>
                  {t('delegations.form.addGuest')}
                </Button>
              </Group>
            </Stack>
          </Card>
        )}
        <Group>
          <Button onClick={save} loading={create.isPending}>
            {t('delegations.form.save')}
          </Button>
        </Group>
      </Stack>
    </>
  );
}
