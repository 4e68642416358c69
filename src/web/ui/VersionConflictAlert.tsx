import { Alert, Button, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

// Someone saved the record after this form was opened (409 version_conflict): every form says so with
// this notice. It keeps the user's input and lets them either re-apply their own changes on top of the
// fresh version or take the fresh values. `children` show what the other person changed (a table of
// fields, of content changes, their text…), each spaced from the description by its caller.
export function VersionConflictAlert({
  description,
  children,
  icon,
  onKeepMine,
  onTakeCurrent,
}: {
  description: string;
  children?: ReactNode;
  icon?: ReactNode;
  onKeepMine: () => void;
  onTakeCurrent: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Alert color="orange" icon={icon} title={t('conflict.title')} role="alert">
      <Text size="sm">{description}</Text>
      {children}
      <Group gap="sm" mt="sm">
        <Button size="xs" onClick={onKeepMine}>
          {t('conflict.keepMine')}
        </Button>
        <Button size="xs" variant="default" onClick={onTakeCurrent}>
          {t('conflict.takeCurrent')}
        </Button>
      </Group>
    </Alert>
  );
}
