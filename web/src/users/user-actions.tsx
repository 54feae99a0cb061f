import { Menu } from '@mantine/core';
import type { UserAccount } from '@profreestr/contracts';
import { ActionsMenu } from '../components/actions-menu';
import { EditUserModal } from './edit-user-modal';
import { ResetMfaModal } from './reset-mfa-modal';

export interface UserAction {
  kind: 'edit' | 'reset-mfa';
  user: UserAccount;
}

interface UserActionsMenuProps {
  user: UserAccount;
  /** The admin's own row: their own second factor is reset on «Безопасность», with a code. */
  self: boolean;
  onAction: (action: UserAction) => void;
}

/** The admins' menu «Действия» of one user. */
export function UserActionsMenu({ user, self, onAction }: UserActionsMenuProps) {
  return (
    <ActionsMenu label={`Действия: ${user.login}`}>
      <Menu.Item onClick={() => onAction({ kind: 'edit', user })}>Изменить</Menu.Item>
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
}: {
  action: UserAction | null;
  onClose: () => void;
}) {
  return (
    <>
      <EditUserModal user={action?.kind === 'edit' ? action.user : null} onClose={onClose} />
      <ResetMfaModal user={action?.kind === 'reset-mfa' ? action.user : null} onClose={onClose} />
    </>
  );
}
