import type { ImportStatus } from '@profreestr/contracts';
import { importStatusLabels } from '@profreestr/contracts';
import { StatusBadge } from '../components/status-badge';

const STATUS_COLORS: Record<ImportStatus, string> = {
  queued: 'gray',
  running: 'blue',
  done: 'teal',
  failed: 'red',
};

export { formatDateTime } from '../format';

export const ImportStatusBadge = ({ status, size }: { status: ImportStatus; size?: string }) => (
  <StatusBadge
    label={importStatusLabels[status]}
    color={STATUS_COLORS[status]}
    size={size ?? 'md'}
  />
);
