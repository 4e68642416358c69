import { ActionIcon } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';

/** The red trash button that removes one item (an area, a commitment, a target); `label` names it. */
export function RemoveButton({ label, onClick, size }: { label: string; onClick: () => void; size?: 'lg' }) {
  return (
    <ActionIcon variant="subtle" color="red" size={size} aria-label={label} onClick={onClick}>
      <IconTrash size={16} />
    </ActionIcon>
  );
}
