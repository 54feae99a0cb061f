import { Menu } from '@mantine/core';
import { canHaveChildren, type Org } from '@profreestr/contracts';
import { useState } from 'react';
import { ActionsMenu } from '../components/actions-menu';
import { CreateChildModal } from './create-child-modal';
import { LiquidateModal } from './liquidate-modal';
import { MergeModal } from './merge-modal';
import { MoveModal } from './move-modal';

type Action = 'create' | 'move' | 'merge' | 'liquidate';

interface OrgActionsProps {
  org: Org;
  /** The user's own org: the top of their scope, which they cannot move away or liquidate. */
  ownOrgId: string;
}

/** The editors' menu «Действия»: each item opens a dialog with its form. */
export function OrgActions({ org, ownOrgId }: OrgActionsProps) {
  const [open, setOpen] = useState<Action | null>(null);
  const close = () => setOpen(null);
  const structural = org.level !== 'central' && org.id !== ownOrgId;

  return (
    <>
      <ActionsMenu>
        {canHaveChildren(org.level) && (
          <Menu.Item onClick={() => setOpen('create')}>Создать подчинённую организацию</Menu.Item>
        )}
        {structural && <Menu.Item onClick={() => setOpen('move')}>Перенести</Menu.Item>}
        {structural && org.level === 'primary' && (
          <Menu.Item onClick={() => setOpen('merge')}>Присоединить к другой</Menu.Item>
        )}
        {structural && (
          <Menu.Item color="red" onClick={() => setOpen('liquidate')}>
            Ликвидировать
          </Menu.Item>
        )}
      </ActionsMenu>
      <CreateChildModal org={org} opened={open === 'create'} onClose={close} />
      <MoveModal org={org} opened={open === 'move'} onClose={close} />
      <MergeModal org={org} opened={open === 'merge'} onClose={close} />
      <LiquidateModal org={org} opened={open === 'liquidate'} onClose={close} />
    </>
  );
}

/** Whether the menu has anything to offer for this org. */
export const hasActions = (org: Org, ownOrgId: string) =>
  canHaveChildren(org.level) || (org.level !== 'central' && org.id !== ownOrgId);
