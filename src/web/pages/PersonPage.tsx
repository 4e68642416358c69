import { Badge, Button, Group, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconArchive, IconArchiveOff, IconPencil } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { Person } from '../../contracts/directory.ts';
import { notifyError } from '../lib/form-errors.ts';
import { localText } from '../lib/format.ts';
import { LinkedAgreementsTable } from '../modules/directory/LinkedAgreements.tsx';
import { PersonDetails } from '../modules/directory/PersonDetails.tsx';
import { PersonForm } from '../modules/directory/PersonForm.tsx';
import { personName } from '../modules/directory/PersonSummary.tsx';
import { usePerson, useUpdatePerson } from '../modules/directory/queries.ts';
import { useSignedInMe } from '../modules/session/session.ts';
import { FormModal } from '../ui/FormModal.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { QueryFallback } from '../ui/QueryFallback.tsx';

export function PersonPage() {
  const { id = '' } = useParams();
  const person = usePerson(id);
  if (!person.isSuccess) return <QueryFallback query={person} />;
  return <PersonView person={person.data} />;
}

function PersonView({ person }: { person: Person }) {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const [editing, editModal] = useDisclosure(false);
  const update = useUpdatePerson(person.id);
  const isMe = me.user.personId === person.id;
  return (
    <>
      <PageHeader
        title={
          <Group gap="sm">
            <span>{personName(person)}</span>
            <Badge variant="outline">{person.institutionCode}</Badge>
            {isMe && <Badge color="teal">{t('people.itsYou')}</Badge>}
            {person.archived && <Badge color="gray">{t('common.archived')}</Badge>}
          </Group>
        }
        description={[localText(person.positionVi, person.positionEn), localText(person.unitNameVi, person.unitNameEn)]
          .filter(Boolean)
          .join(' · ')}
        actions={
          <>
            {person.permissions.edit && (
              <Button variant="default" leftSection={<IconPencil size={16} />} onClick={editModal.open}>
                {t('common.edit')}
              </Button>
            )}
            {person.permissions.archive && (
              <Button
                variant="default"
                color={person.archived ? 'teal' : 'red'}
                leftSection={person.archived ? <IconArchiveOff size={16} /> : <IconArchive size={16} />}
                loading={update.isPending}
                onClick={() => update.mutate({ archived: !person.archived, version: person.version }, { onError: notifyError })}
              >
                {person.archived ? t('common.restore') : t('common.archive')}
              </Button>
            )}
          </>
        }
      />
      <PersonDetails person={person} />
      <Title order={2} size="h4" mt="xl" mb="sm">
        {t('linkedAgreements.personTitle')}
      </Title>
      <LinkedAgreementsTable owner="people" id={person.id} />
      <FormModal opened={editing} onClose={editModal.close} title={t('people.edit')}>
        <PersonForm institutionId={person.institutionId} person={person} onSaved={editModal.close} onCancel={editModal.close} />
      </FormModal>
    </>
  );
}
