import { Menu, Text } from '@mantine/core';
import type { Member, StaffAction } from '@profreestr/contracts';
import { useId, useState } from 'react';
import { useCan } from '../auth/use-auth';
import { ActionsMenu } from '../components/actions-menu';
import { CabinetInvitationModal, INVITE_TITLE, inviteHint } from './cabinet-invitation';
import { DeregisterModal } from './deregister-modal';
import { READMIT_TITLE, ReadmitModal } from './readmit-modal';
import { TransferModal } from './transfer-modal';

type Action = 'transfer' | 'deregister' | 'readmit' | 'invite';

/** The menu's items this member has, each with the action the server must allow. */
function memberActions(member: Member, can: (action: StaffAction) => boolean) {
  const active = member.status === 'active';
  return {
    transfer: active && can('member:transfer'),
    deregister: active && can('member:deregister'),
    readmit: !active && can('member:readmit'),
    // Shown whenever allowed; disabled, with the reason, for a member who cannot be invited.
    invite: can('member:invite'),
  } satisfies Record<Action, boolean>;
}

/** Whether the menu has anything to offer the user for this member. */
export const hasMemberActions = (member: Member, can: (action: StaffAction) => boolean) =>
  Object.values(memberActions(member, can)).some(Boolean);

/**
 * The menu «Действия» on a card: each item, shown only where the user's permissions allow it,
 * opens a dialog with its form. A transfer can go to any active primary of the union, so a
 * primary's chairman starts one too.
 */
export function MemberActions({
  member,
  onNotice,
}: {
  member: Member;
  /** Says on the card what an action did (an invitation sent). */
  onNotice?: (text: string) => void;
}) {
  const [open, setOpen] = useState<Action | null>(null);
  const close = () => setOpen(null);
  const can = useCan();
  const shown = memberActions(member, can);
  const hintId = useId();
  const hint = inviteHint(member);

  return (
    <>
      <ActionsMenu>
        {shown.transfer && (
          <Menu.Item onClick={() => setOpen('transfer')}>Перевести в другую организацию</Menu.Item>
        )}
        {shown.readmit && <Menu.Item onClick={() => setOpen('readmit')}>{READMIT_TITLE}</Menu.Item>}
        {shown.invite && (
          <>
            <Menu.Item
              disabled={hint !== null}
              aria-describedby={hint ? hintId : undefined}
              onClick={() => setOpen('invite')}
            >
              {INVITE_TITLE}
            </Menu.Item>
            {hint && (
              <Text id={hintId} size="xs" c="dimmed" px="sm" pb={4} maw={260}>
                {hint}
              </Text>
            )}
          </>
        )}
        {shown.deregister && (
          <Menu.Item color="red" onClick={() => setOpen('deregister')}>
            Снять с учёта
          </Menu.Item>
        )}
      </ActionsMenu>
      <TransferModal member={member} opened={open === 'transfer'} onClose={close} />
      <DeregisterModal member={open === 'deregister' ? member : null} onClose={close} />
      <ReadmitModal member={member} opened={open === 'readmit'} onClose={close} />
      <CabinetInvitationModal
        member={member}
        opened={open === 'invite'}
        onClose={close}
        onSent={(to) => onNotice?.(`Приглашение отправлено на ${to}`)}
      />
    </>
  );
}
