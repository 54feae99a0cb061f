import { Menu } from '@mantine/core';
import type { UserAccount } from '@profreestr/contracts';
import { ActionsMenu } from '../components/actions-menu';
import { EditUserModal } from './edit-user-modal';
import { ResetMfaModal } from './reset-mfa-modal';
import { ResetPasswordModal } from './reset-password-modal';

export interface UserAction {
  kind: 'edit' | 'password' | 'reset-mfa';
  user: UserAccount;
}

interface UserActionsMenuProps {
  user: UserAccount;
  /** The admin's own row: their own password and second factor change on «Безопасность». */
  self: boolean;
  onAction: (action: UserAction) => void;
}

/** The admins' menu «Действия» of one user. */
export function UserActionsMenu({ user, self, onAction }: UserActionsMenuProps) {
  return (
    <ActionsMenu label={`Действия: ${user.login}`}>
      <Menu.Item onClick={() => onAction({ kind: 'edit', user })}>Изменить</Menu.Item>
      {!self && (
        <Menu.Item onClick={() => onAction({ kind: 'password', user })}>
          Задать новый пароль
        </Menu.Item>
      )}
      {user.mfaEnabled && !self && (
        <Menu.Item color="red" onClick={() => onAction({ kind: 'reset-mfa', user })}>
          Сбросить второй фактор
        </Menu.Item>
      )}
    </ActionsMenu>
  );
}

/** The one dialog open for the list at a time. */
export function UserDialogs({
  action,
  onClose,
  onPasswordSet,
}: {
  action: UserAction | null;
  onClose: () => void;
  onPasswordSet: (user: UserAccount) => void;
}) {
  return (
    <>
      <EditUserModal user={action?.kind === 'edit' ? action.user : null} onClose={onClose} />
      <ResetPasswordModal
        user={action?.kind === 'password' ? action.user : null}
        onClose={onClose}
        onDone={onPasswordSet}
      />
      <ResetMfaModal user={action?.kind === 'reset-mfa' ? action.user : null} onClose={onClose} />
    </>
  );
}
