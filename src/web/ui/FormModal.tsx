import { Modal } from '@mantine/core';
import type { ReactNode } from 'react';

/** A create/edit form in a dialog; the form is mounted only while open so it starts from fresh values. */
export function FormModal({
  opened,
  onClose,
  title,
  children,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  children: ReactNode;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title={title} size="lg">
      {opened && children}
    </Modal>
  );
}
