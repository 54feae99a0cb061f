import { Badge } from '@mantine/core';
import { type LetterStatus, letterStatusLabels } from '@profreestr/contracts';

const STATUS_COLORS: Record<LetterStatus, string> = {
  queued: 'gray',
  sent: 'teal',
  failed: 'red',
  bounced: 'orange',
};

/** Only these may be sent again (the server refuses any other with 409). */
export const canResend = (status: LetterStatus) => status === 'failed' || status === 'bounced';

export function LetterStatusBadge({
  status,
  size = 'sm',
}: {
  status: LetterStatus;
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
      {letterStatusLabels[status]}
    </Badge>
  );
}
