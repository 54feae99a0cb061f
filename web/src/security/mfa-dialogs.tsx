import { Button, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useMfaDisable, useNewRecoveryCodes } from '../api/account';
import { FormModal } from '../components/form-modal';
import { CodeForm } from './code-form';
import { MfaEnroll } from './mfa-enroll';
import { RecoveryCodes } from './recovery-codes';

export const ENABLE_TITLE = 'Включение второго фактора';
export const DISABLE_TITLE = 'Отключение второго фактора';
export const NEW_CODES_TITLE = 'Новые резервные коды';

interface DialogProps {
  opened: boolean;
  onClose: () => void;
  /** The change is done (the dialog may still show the recovery codes). */
  onDone: () => void;
}

const CancelButton = ({ onClick }: { onClick: () => void }) => (
  <Button variant="default" size="md" onClick={onClick}>
    Отмена
  </Button>
);

/** Setup → QR code → the app's code → the recovery codes. */
export function EnableDialog({ opened, onClose, onDone }: DialogProps) {
  return (
    <FormModal opened={opened} onClose={onClose} title={ENABLE_TITLE} size="md">
      <EnableFlow onClose={onClose} onDone={onDone} />
    </FormModal>
  );
}

function EnableFlow({ onClose, onDone }: Omit<DialogProps, 'opened'>) {
  const [codes, setCodes] = useState<string[] | null>(null);
  if (codes) return <RecoveryCodes codes={codes} onDone={onClose} />;
  return (
    <MfaEnroll
      onEnabled={({ recoveryCodes }) => {
        onDone();
        if (recoveryCodes?.length) setCodes(recoveryCodes);
        else onClose();
      }}
    >
      <CancelButton onClick={onClose} />
    </MfaEnroll>
  );
}

export function DisableDialog({ opened, onClose, onDone }: DialogProps) {
  return (
    <FormModal opened={opened} onClose={onClose} title={DISABLE_TITLE} size="md">
      <DisableForm onClose={onClose} onDone={onDone} />
    </FormModal>
  );
}

// The forms live inside the dialogs: closing drops their state (a shown code, an error).
function DisableForm({ onClose, onDone }: Omit<DialogProps, 'opened'>) {
  const disable = useMfaDisable();
  return (
    <Stack gap="md">
      <Text size="sm">
        Вход снова будет только по паролю. Для подтверждения введите код из
        приложения-аутентификатора.
      </Text>
      <CodeForm
        label={DISABLE_TITLE}
        submitLabel="Отключить"
        submitColor="red"
        errorTitle="Не удалось отключить"
        allowRecovery
        pending={disable.isPending}
        error={disable.error}
        onSubmit={(code) =>
          disable.mutate(code, {
            onSuccess: () => {
              onDone();
              onClose();
            },
          })
        }
      >
        <CancelButton onClick={onClose} />
      </CodeForm>
    </Stack>
  );
}

export function NewCodesDialog({ opened, onClose, onDone }: DialogProps) {
  return (
    <FormModal opened={opened} onClose={onClose} title={NEW_CODES_TITLE} size="md">
      <NewCodesFlow onClose={onClose} onDone={onDone} />
    </FormModal>
  );
}

function NewCodesFlow({ onClose, onDone }: Omit<DialogProps, 'opened'>) {
  const renew = useNewRecoveryCodes();
  const codes = renew.data?.recoveryCodes;
  if (codes) return <RecoveryCodes codes={codes} onDone={onClose} />;
  return (
    <Stack gap="md">
      <Text size="sm">
        Прежние резервные коды перестанут действовать. Для подтверждения введите код из
        приложения-аутентификатора.
      </Text>
      <CodeForm
        label={NEW_CODES_TITLE}
        submitLabel="Получить новые коды"
        errorTitle="Не удалось выдать коды"
        pending={renew.isPending}
        error={renew.error}
        onSubmit={(code) => renew.mutate(code, { onSuccess: onDone })}
      >
        <CancelButton onClick={onClose} />
      </CodeForm>
    </Stack>
  );
}
