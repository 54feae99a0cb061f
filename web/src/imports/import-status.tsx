import { Badge } from '@mantine/core';
import type { ImportStatus } from '@profreestr/contracts';
import { importStatusLabels } from '@profreestr/contracts';

const STATUS_COLORS: Record<ImportStatus, string> = {
  queued: 'gray',
  running: 'blue',
  done: 'teal',
  failed: 'red',
};

export { formatDateTime } from '../format';

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
