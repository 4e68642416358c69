import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Person } from '../../../contracts/directory.ts';
import { localText } from '../../lib/format.ts';
import { ValueText } from '../../ui/ValueText.tsx';

export function personName(person: Pick<Person, 'title' | 'fullName'>): string {
  return person.title ? `${person.title} ${person.fullName}` : person.fullName;
}

/** Title + name linking to the person's page. */
export function PersonNameLink({ person }: { person: Person }) {
  const { t } = useTranslation();
  return (
    <Group gap={6} wrap="nowrap">
      <Anchor component={Link} to={`/people/${person.id}`} fw={500}>
        {personName(person)}
      </Anchor>
      {person.archived && (
        <Badge size="xs" color="gray">
          {t('common.archived')}
        </Badge>
      )}
    </Group>
  );
}

export function PersonPosition({ person }: { person: Person }) {
  const position = localText(person.positionVi, person.positionEn);
  const unit = localText(person.unitNameVi, person.unitNameEn);
  return (
    <Stack gap={0}>
      {position && <Text size="sm">{position}</Text>}
      {unit && (
        <Text size="xs" c="dimmed">
          {unit}
        </Text>
      )}
    </Stack>
  );
}

export function ExpertiseBadges({ expertise, max = 4 }: { expertise: string[]; max?: number }) {
  const { t } = useTranslation();
  if (expertise.length === 0) return <ValueText value={null} />;
  const shown = expertise.slice(0, max);
  const hidden = expertise.length - shown.length;
  return (
    <Group gap={4}>
      {shown.map((topic) => (
        <Badge key={topic} variant="light" size="sm" style={{ textTransform: 'none' }}>
          {topic}
        </Badge>
      ))}
      {hidden > 0 && (
        <Badge variant="outline" size="sm" color="gray">
          {t('people.moreExpertise', { hidden })}
        </Badge>
      )}
    </Group>
  );
}
