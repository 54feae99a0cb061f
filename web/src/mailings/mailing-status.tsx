import { Badge } from '@mantine/core';
import type { MailingRecipientStatus, MailingStatus } from '@profreestr/contracts';
import { mailingStatusLabels, recipientStatusLabels } from './mailing-format';

const MAILING_COLORS: Record<MailingStatus, string> = {
  draft: 'gray',
  sending: 'blue',
  sent: 'teal',
};

const RECIPIENT_COLORS: Record<MailingRecipientStatus, string> = {
  queued: 'gray',
  sent: 'teal',
  failed: 'red',
  bounced: 'orange',
  skipped: 'yellow',
};

export function MailingStatusBadge({
  status,
  size = 'sm',
}: {
  status: MailingStatus;
  size?: string;
}) {
  return (
    <Badge
      color={MAILING_COLORS[status]}
      variant="light"
      tt="none"
      size={size}
      style={{ flexShrink: 0 }}
    >
      {mailingStatusLabels[status]}
    </Badge>
  );
}

export function RecipientStatusBadge({ status }: { status: MailingRecipientStatus }) {
  return (
    <Badge
      color={RECIPIENT_COLORS[status]}
      variant="light"
      tt="none"
      size="sm"
      style={{ flexShrink: 0 }}
    >
      {recipientStatusLabels[status]}
    </Badge>
  );
}
