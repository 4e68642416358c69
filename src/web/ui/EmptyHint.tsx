import { EmptyState } from '@mantine/core';
import { IconMoodEmpty } from '@tabler/icons-react';
import type { ReactNode } from 'react';

/** Nothing to show yet: says so, and what to do next. */
export function EmptyHint({ title, description, action }: { title: string; description: string; action?: ReactNode }) {
  return (
    <EmptyState icon={<IconMoodEmpty />} withIndicatorBackground title={title} description={description} py="xl">
      {action && <EmptyState.Actions>{action}</EmptyState.Actions>}
    </EmptyState>
  );
}
