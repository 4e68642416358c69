import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function RoleBadges({ roles }: { roles: string[] }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      {roles.map((role) => (
        <Badge key={role} variant="light" size="sm" color={role.endsWith('admin') ? 'grape' : 'indigo'}>
          {t(`roles.${role}`)}
        </Badge>
      ))}
    </Group>
  );
}
