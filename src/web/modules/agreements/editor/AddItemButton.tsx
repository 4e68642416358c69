import { Button, Group } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';

/** The small "add" button under an area's commitments or targets. */
export function AddItemButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <Group>
      <Button variant="subtle" size="xs" leftSection={<IconPlus size={14} />} onClick={onClick}>
        {label}
      </Button>
    </Group>
  );
}
