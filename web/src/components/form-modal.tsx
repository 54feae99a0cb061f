import { Modal } from '@mantine/core';
import type { ReactNode } from 'react';
import { DialogGuardProvider, useDialogGuard } from './unsaved-changes';
import { useWideScreen } from './use-wide-screen';

interface FormModalProps {
  opened: boolean;
  onClose: () => void;
  title: string;
  size?: string;
  children: ReactNode;
}

/**
 * A dialog for a form: full screen on a phone, centred from the `sm` breakpoint. Closing it
 * (the cross, Escape, a tap outside) while a form inside holds unsaved changes asks first.
 */
export function FormModal({ opened, onClose, title, size = 'lg', children }: FormModalProps) {
  const wide = useWideScreen();
  const guard = useDialogGuard();
  return (
    <Modal
      opened={opened}
      onClose={() => guard.guardedClose(onClose)}
      // While the question is open, Escape answers it, not this dialog.
      closeOnEscape={!guard.asking}
      title={title}
      size={size}
      fullScreen={!wide}
      centered={wide}
      closeButtonProps={{ 'aria-label': 'Закрыть' }}
      styles={{ title: { fontWeight: 600 } }}
    >
      <DialogGuardProvider value={guard.dirty}>{children}</DialogGuardProvider>
    </Modal>
  );
}
