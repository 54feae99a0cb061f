import { Button, Menu } from '@mantine/core';
import type { ReactNode } from 'react';

interface ActionsMenuProps {
  children: ReactNode;
  /** The button's accessible name when there are many on a page (one per row). */
  label?: string;
}

/** The editors' menu «Действия»: the items go in as children. */
export function ActionsMenu({ children, label }: ActionsMenuProps) {
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" size="sm" style={{ flexShrink: 0 }} aria-label={label}>
          Действия
        </Button>
      </Menu.Target>
      <Menu.Dropdown>{children}</Menu.Dropdown>
    </Menu>
  );
}
