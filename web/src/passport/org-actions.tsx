import { Menu } from '@mantine/core';
import { canHaveChildren, type Org, type StaffAction } from '@profreestr/contracts';
import { useState } from 'react';
import { useCan } from '../auth/use-auth';
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

/**
 * The menu's items this org has, each with the action the server must allow. The user's own org
 * (and the centre) is the top of a scope: never moved away, merged or liquidated from within.
 */
function orgActions(org: Org, ownOrgId: string, can: (action: StaffAction) => boolean) {
  const structural = org.level !== 'central' && org.id !== ownOrgId;
  return {
    create: canHaveChildren(org.level) && can('org:create'),
    move: structural && can('org:move'),
    merge: structural && org.level === 'primary' && can('org:merge'),
    liquidate: structural && can('org:liquidate'),
  } satisfies Record<Action, boolean>;
}

/** The menu «Действия»: each item, shown only where allowed, opens a dialog with its form. */
export function OrgActions({ org, ownOrgId }: OrgActionsProps) {
  const [open, setOpen] = useState<Action | null>(null);
  const close = () => setOpen(null);
  const can = useCan();
  const shown = orgActions(org, ownOrgId, can);

  return (
    <>
      <ActionsMenu>
        {shown.create && (
          <Menu.Item onClick={() => setOpen('create')}>Создать подчинённую организацию</Menu.Item>
        )}
        {shown.move && <Menu.Item onClick={() => setOpen('move')}>Перенести</Menu.Item>}
        {shown.merge && (
          <Menu.Item onClick={() => setOpen('merge')}>Присоединить к другой</Menu.Item>
        )}
        {shown.liquidate && (
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

/** Whether the menu has anything to offer the user for this org. */
export const hasActions = (org: Org, ownOrgId: string, can: (action: StaffAction) => boolean) =>
  Object.values(orgActions(org, ownOrgId, can)).some(Boolean);
