import { Badge } from '@mantine/core';
import type { ImportStatus } from '@profreestr/contracts';
import { importStatusLabels } from '@profreestr/contracts';

const STATUS_COLORS: Record<ImportStatus, string> = {
  queued: 'gray',
  running: 'blue',
  done: 'teal',
  failed: 'red',
};

const dateTimeFormat = new Intl.DateTimeFormat('ru-RU', { dateStyle: 'short', timeStyle: 'short' });

/** «05.03.2025, 14:30». */
export const formatDateTime = (iso: string) => dateTimeFormat.format(new Date(iso));

export function ImportStatusBadge({
  status,
  size = 'md',
}: {
  status: ImportStatus;
  size?: string;
}) {
  return (
    <Badge
      color={STATUS_COLORS[status]}
      variant="light"
      tt="none"
      size={size}
      style={{ flexShrink: 0 }}
    >
      {importStatusLabels[status]}
    </Badge>
  );
}
