import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import type { UserAccount } from '@profreestr/contracts';
import { useResetUserMfa } from '../api/users';
import { FormModal } from '../components/form-modal';
import { errorMessage } from '../components/query-state';

const TITLE = 'Сбросить второй фактор';

interface ResetMfaModalProps {
  /** The user whose second factor goes; the dialog is open while there is one. */
  user: UserAccount | null;
  onClose: () => void;
}

/** A confirmation: for a user who lost the phone with the authenticator app. */
export function ResetMfaModal({ user, onClose }: ResetMfaModalProps) {
  return (
    <FormModal opened={user !== null} onClose={onClose} title={TITLE} size="md">
      {user && <ResetMfaConfirm user={user} onClose={onClose} />}
    </FormModal>
  );
}

function ResetMfaConfirm({ user, onClose }: { user: UserAccount; onClose: () => void }) {
  const reset = useResetUserMfa(user.id);
  return (
    <Stack gap="md">
      <Text size="sm">
        Второй фактор пользователя <b>{user.login}</b> ({user.fullName}) будет отключён, его
        резервные коды перестанут действовать. Все сеансы пользователя сразу завершатся. Если для
        его роли второй фактор обязателен, при следующем входе он настроит его заново.
      </Text>
      <Text size="sm">
        Это нужно, например, когда пользователь потерял телефон с приложением-аутентификатором.
      </Text>
      {reset.isError && (
        <Alert color="red" role="alert" title="Не удалось сбросить">
          {errorMessage(reset.error)}
        </Alert>
      )}
      <Group>
        <Button
          color="red"
          loading={reset.isPending}
          onClick={() => reset.mutate(undefined, { onSuccess: onClose })}
        >
          Сбросить
        </Button>
        <Button variant="default" onClick={onClose} disabled={reset.isPending}>
          Отмена
        </Button>
      </Group>
    </Stack>
  );
}
