import { Menu } from '@mantine/core';
import type { Member } from '@profreestr/contracts';
import { useState } from 'react';
import { ActionsMenu } from '../components/actions-menu';
import { DeregisterModal } from './deregister-modal';
import { READMIT_TITLE, ReadmitModal } from './readmit-modal';
import { TransferModal } from './transfer-modal';

type Action = 'transfer' | 'deregister' | 'readmit';

/**
 * The editors' menu «Действия» on a card: each item opens a dialog with its form. A transfer can
 * go to any active primary of the union, so a primary's chairman starts one too.
 */
export function MemberActions({ member }: { member: Member }) {
  const [open, setOpen] = useState<Action | null>(null);
  const close = () => setOpen(null);
  const active = member.status === 'active';

  return (
    <>
      <ActionsMenu>
        {active && (
          <Menu.Item onClick={() => setOpen('transfer')}>Перевести в другую организацию</Menu.Item>
        )}
        {active && (
          <Menu.Item color="red" onClick={() => setOpen('deregister')}>
            Снять с учёта
          </Menu.Item>
        )}
        {!active && <Menu.Item onClick={() => setOpen('readmit')}>{READMIT_TITLE}</Menu.Item>}
      </ActionsMenu>
      <TransferModal member={member} opened={open === 'transfer'} onClose={close} />
      <DeregisterModal member={open === 'deregister' ? member : null} onClose={close} />
      <ReadmitModal member={member} opened={open === 'readmit'} onClose={close} />
    </>
  );
}
