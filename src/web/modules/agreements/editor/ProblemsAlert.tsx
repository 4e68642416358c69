import { Alert, List } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The form's problems listed above it, each saying where it is. Nothing when there are none. */
export function ProblemsAlert({ problems }: { problems: string[] }) {
  const { t } = useTranslation();
  if (problems.length === 0) return null;
  return (
    <Alert color="red" role="alert" title={t('agreements.editor.problems', { count: problems.length })}>
      <List size="sm">
        {problems.map((problem) => (
          <List.Item key={problem}>{problem}</List.Item>
        ))}
      </List>
    </Alert>
  );
}
