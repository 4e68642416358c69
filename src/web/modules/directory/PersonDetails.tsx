import { Anchor, Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Person } from '../../../contracts/directory.ts';
import { formatDateTime, localText } from '../../lib/format.ts';
import { DetailList } from '../../ui/DetailList.tsx';
import { languageName } from './options.ts';
import { ExpertiseBadges } from './PersonSummary.tsx';

/** Everything the directory knows about a person, read-only. */
export function PersonDetails({ person }: { person: Person }) {
  const { t } = useTranslation();
  return (
    <DetailList
      items={[
        { label: t('fields.fullName'), value: person.fullName },
        { label: t('fields.title'), value: person.title },
        {
          label: t('fields.institutionId'),
          value: (
            <Anchor component={Link} to={`/institutions/${person.institutionId}`}>
              {person.institutionCode}
            </Anchor>
          ),
        },
        { label: t('fields.unitId'), value: localText(person.unitNameVi, person.unitNameEn) || null },
        { label: t('fields.positionVi'), value: person.positionVi },
        { label: t('fields.positionEn'), value: person.positionEn },
        { label: t('fields.email'), value: person.email && <Anchor href={`mailto:${person.email}`}>{person.email}</Anchor> },
        { label: t('fields.phone'), value: person.phone && <Anchor href={`tel:${person.phone}`}>{person.phone}</Anchor> },
        {
          label: t('fields.expertise'),
          value: person.expertise.length > 0 ? <ExpertiseBadges expertise={person.expertise} max={30} /> : null,
        },
        { label: t('fields.languages'), value: person.languages.map(languageName).join(', ') },
        {
          label: t('fields.visibility'),
          value: (
            <Group gap={4}>
              <Badge variant="light" color={person.visibility === 'private' ? 'gray' : 'indigo'}>
                {t(`visibility.${person.visibility}`)}
              </Badge>
            </Group>
          ),
        },
        { label: t('common.updatedAt'), value: formatDateTime(person.updatedAt) },
      ]}
    />
  );
}
