import { Button, Menu } from '@mantine/core';
import type { ReactNode } from 'react';

/** The editors' menu «Действия»: the items go in as children. */
export function ActionsMenu({ children }: { children: ReactNode }) {
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" size="sm" style={{ flexShrink: 0 }}>
          Действия
        </Button>
      </Menu.Target>
      <Menu.Dropdown>{children}</Menu.Dropdown>
    </Menu>
  );
}
