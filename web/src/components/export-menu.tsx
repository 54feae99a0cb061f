import { Button, Menu, Stack } from '@mantine/core';
import { DownloadStatus, useDownload } from './download';

export interface ExportItem {
  label: string;
  href: string;
}

/**
 * The menu «Выгрузить»: an item fetches its file (see download.tsx); meanwhile the button shows
 * a loader and takes no second tap, and a failure is told under it.
 */
export function ExportMenu({ items }: { items: ExportItem[] }) {
  const download = useDownload();
  return (
    <Stack gap={2} align="flex-end" maw="16rem" ta="right" style={{ flexShrink: 0 }}>
      <Menu position="bottom-end" withinPortal disabled={download.busy}>
        <Menu.Target>
          <Button variant="default" size="sm" loading={download.busy} aria-busy={download.busy}>
            Выгрузить
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {items.map((item) => (
            <Menu.Item key={item.href} onClick={() => void download.start(item.href, item.label)}>
              {item.label}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
      <DownloadStatus state={download} />
    </Stack>
  );
}
