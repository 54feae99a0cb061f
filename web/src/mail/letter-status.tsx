import { type LetterStatus, letterStatusLabels } from '@profreestr/contracts';
import { StatusBadge } from '../components/status-badge';

const STATUS_COLORS: Record<LetterStatus, string> = {
  queued: 'gray',
  sent: 'teal',
  failed: 'red',
  bounced: 'orange',
};

/** Only these may be sent again (the server refuses any other with 409). */
export const canResend = (status: LetterStatus) => status === 'failed' || status === 'bounced';

export const LetterStatusBadge = ({ status, size }: { status: LetterStatus; size?: string }) => (
  <StatusBadge
    label={letterStatusLabels[status]}
    color={STATUS_COLORS[status]}
    size={size ?? 'sm'}
  />
);
