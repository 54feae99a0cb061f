import { Button, Menu } from '@mantine/core';

export interface ExportItem {
  label: string;
  href: string;
}

/** The menu «Выгрузить»: each item is a plain link, so the browser downloads the file itself. */
export function ExportMenu({ items }: { items: ExportItem[] }) {
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" size="sm" style={{ flexShrink: 0 }}>
          Выгрузить
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {items.map((item) => (
          <Menu.Item key={item.href} component="a" href={item.href} download>
            {item.label}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
