import { Modal } from '@mantine/core';
import type { ReactNode } from 'react';
import { useWideScreen } from './use-wide-screen';

interface FormModalProps {
  opened: boolean;
  onClose: () => void;
  title: string;
  size?: string;
  children: ReactNode;
}

/** A dialog for a form: full screen on a phone, centred from the `sm` breakpoint. */
export function FormModal({ opened, onClose, title, size = 'lg', children }: FormModalProps) {
  const wide = useWideScreen();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      size={size}
      fullScreen={!wide}
      centered={wide}
      closeButtonProps={{ 'aria-label': 'Закрыть' }}
      styles={{ title: { fontWeight: 600 } }}
    >
      {children}
    </Modal>
  );
}
