import { Anchor, Badge, Button, Group, Stack, Tabs, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconArchive, IconArchiveOff, IconChartBar, IconPencil, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { Institution } from '../../contracts/directory.ts';
import { notifyError } from '../lib/form-errors.ts';
import { formatDateTime, formatNumber, localName } from '../lib/format.ts';
import { InstitutionForm } from '../modules/directory/InstitutionForm.tsx';
import { LinkedAgreementsTable } from '../modules/directory/LinkedAgreements.tsx';
import { countryName } from '../modules/directory/options.ts';
import { PeopleTable } from '../modules/directory/PeopleTable.tsx';
import { PersonForm } from '../modules/directory/PersonForm.tsx';
import { useConsortia, useInstitution, useUnits, useUpdateInstitution } from '../modules/directory/queries.ts';
import { UnitForm } from '../modules/directory/UnitForm.tsx';
import { useSignedInMe } from '../modules/session/session.ts';
import { type UnitAction, UnitTree } from '../modules/directory/UnitTree.tsx';
import { DetailList } from '../ui/DetailList.tsx';
import { FormModal } from '../ui/FormModal.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { QueryFallback } from '../ui/QueryFallback.tsx';
import { useUrlFilters } from '../ui/url-filters.ts';
import { ValueText } from '../ui/ValueText.tsx';

const TABS = ['units', 'people', 'agreements', 'details'] as const;

export function InstitutionPage() {
  const { id = '' } = useParams();
  const institution = useInstitution(id);
  if (!institution.isSuccess) return <QueryFallback query={institution} />;
  return <InstitutionView institution={institution.data} />;
}

function InstitutionView({ institution }: { institution: Institution }) {
  const { t } = useTranslation();
  const { values, setFilter } = useUrlFilters(['tab']);
  const tab = (TABS as readonly string[]).includes(values.tab) ? values.tab : 'units';
  const [editing, editModal] = useDisclosure(false);
  const { edit: mayEdit, archive: mayArchive, manageDirectory: mayEditDirectory } = institution.permissions;
  // The dashboard is for the institution's own users (and the operator, who reaches it from the address).
  const ownInstitution = useSignedInMe().institution.id === institution.id;

  return (
    <>
      <PageHeader
        title={
          <Group gap="sm">
            <span>{localName(institution)}</span>
            <Badge variant="outline" size="lg">
              {institution.code}
            </Badge>
            {institution.archived && <Badge color="gray">{t('common.archived')}</Badge>}
          </Group>
        }
        description={[t(`institutionKinds.${institution.kind}`), institution.city, countryName(institution.country)]
          .filter(Boolean)
          .join(' · ')}
        actions={
          <>
            {ownInstitution && (
              <Button component={Link} to={`/institutions/${institution.id}/dashboard`} variant="light" leftSection={<IconChartBar size={16} />}>
                {t('dashboard.open')}
              </Button>
            )}
            {mayEdit && (
              <Button variant="default" leftSection={<IconPencil size={16} />} onClick={editModal.open}>
                {t('common.edit')}
              </Button>
            )}
            {mayArchive && <ArchiveInstitutionButton institution={institution} />}
          </>
        }
      />
      <Tabs value={tab} onChange={(value) => setFilter('tab', value === 'units' ? null : value)} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="units">{t('institution.tabs.units', { n: formatNumber(institution.unitCount) })}</Tabs.Tab>
          <Tabs.Tab value="people">{t('institution.tabs.people', { n: formatNumber(institution.peopleCount) })}</Tabs.Tab>
          <Tabs.Tab value="agreements">{t('linkedAgreements.tab')}</Tabs.Tab>
          <Tabs.Tab value="details">{t('institution.tabs.details')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="units">
          <UnitsPanel institutionId={institution.id} editable={mayEditDirectory} />
        </Tabs.Panel>
        <Tabs.Panel value="people">
          <PeoplePanel institutionId={institution.id} editable={mayEditDirectory} />
        </Tabs.Panel>
        <Tabs.Panel value="agreements">
          <LinkedAgreementsTable owner="institutions" id={institution.id} />
        </Tabs.Panel>
        <Tabs.Panel value="details">
          <DetailList
            items={[
              { label: t('fields.code'), value: institution.code },
              { label: t('fields.nameVi'), value: institution.nameVi },
              { label: t('fields.nameEn'), value: institution.nameEn },
              { label: t('fields.kind'), value: t(`institutionKinds.${institution.kind}`) },
              { label: t('fields.country'), value: countryName(institution.country) },
              { label: t('fields.city'), value: institution.city },
              {
                label: t('fields.website'),
                value: institution.website && (
                  <Anchor href={institution.website} target="_blank" rel="noreferrer">
                    {institution.website}
                  </Anchor>
                ),
              },
              { label: t('institution.consortia'), value: <ConsortiumBadges institutionId={institution.id} /> },
              { label: t('common.updatedAt'), value: formatDateTime(institution.updatedAt) },
            ]}
          />
          {institution.isSample && (
            <Text size="sm" c="dimmed" mt="sm">
              {t('common.sampleDataNote')}
            </Text>
          )}
        </Tabs.Panel>
      </Tabs>
      <FormModal opened={editing} onClose={editModal.close} title={t('institution.edit')}>
        <InstitutionForm institution={institution} onDone={editModal.close} />
      </FormModal>
    </>
  );
}

/** The consortia the institution belongs to: what it shares beyond its own tenancy. */
function ConsortiumBadges({ institutionId }: { institutionId: string }) {
  const consortia = useConsortia();
  const memberships = (consortia.data ?? []).filter((consortium) => consortium.members.some((member) => member.id === institutionId));
  if (memberships.length === 0) return <ValueText value={null} />;
  return (
    <Group gap={4}>
      {memberships.map((consortium) => (
        <Badge key={consortium.id} variant="light" tt="none">
          {localName(consortium)}
        </Badge>
      ))}
    </Group>
  );
}

function ArchiveInstitutionButton({ institution }: { institution: Institution }) {
  const { t } = useTranslation();
  const update = useUpdateInstitution(institution.id);
  return (
    <Button
      variant="default"
      color={institution.archived ? 'teal' : 'red'}
      leftSection={institution.archived ? <IconArchiveOff size={16} /> : <IconArchive size={16} />}
      loading={update.isPending}
      onClick={() => update.mutate({ archived: !institution.archived, version: institution.version }, { onError: notifyError })}
    >
      {institution.archived ? t('common.restore') : t('common.archive')}
    </Button>
  );
}

function UnitsPanel({ institutionId, editable }: { institutionId: string; editable: boolean }) {
  const { t } = useTranslation();
  const units = useUnits(institutionId);
  const [action, setAction] = useState<UnitAction | null>(null);
  if (!units.isSuccess) return <QueryFallback query={units} />;
  return (
    <Stack gap="sm">
      {editable && (
        <Group justify="flex-end">
          <Button leftSection={<IconPlus size={16} />} variant="light" onClick={() => setAction({ kind: 'add', parentId: null })}>
            {t('units.add')}
          </Button>
        </Group>
      )}
      <UnitTree units={units.data} editable={editable} onAction={setAction} />
      <FormModal
        opened={action !== null}
        onClose={() => setAction(null)}
        title={action?.kind === 'edit' ? t('units.edit') : t('units.add')}
      >
        {action && (
          <UnitForm
            institutionId={institutionId}
            units={units.data}
            unit={action.kind === 'edit' ? action.unit : undefined}
            parentId={action.kind === 'add' ? action.parentId : null}
            onDone={() => setAction(null)}
          />
        )}
      </FormModal>
    </Stack>
  );
}

function PeoplePanel({ institutionId, editable }: { institutionId: string; editable: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [adding, addModal] = useDisclosure(false);
  return (
    <Stack gap="sm">
      {editable && (
        <Group justify="flex-end">
          <Button leftSection={<IconPlus size={16} />} variant="light" onClick={addModal.open}>
            {t('people.add')}
          </Button>
        </Group>
      )}
      <PeopleTable institutionId={institutionId} />
      <FormModal opened={adding} onClose={addModal.close} title={t('people.add')}>
        <PersonForm
          institutionId={institutionId}
          onCancel={addModal.close}
          onSaved={(saved) => {
            addModal.close();
            if (saved) navigate(`/people/${saved.id}`);
          }}
        />
      </FormModal>
    </Stack>
  );
}
