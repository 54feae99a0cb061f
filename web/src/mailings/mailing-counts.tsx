import { Group, Progress, rem, Stack, Text } from '@mantine/core';
import type { Mailing, MailingRecipientStatus } from '@profreestr/contracts';
import { formatCount } from '../format';
import { receivingCount, recipientStatusLabels } from './mailing-format';

/**
 * The audience (a draft's as counted just now, else as counted when sending began): «Получателей: N, из них без e-mail: X, без согласия:
 * Y — письмо получат N−X−Y».
 */
export function AudienceCount({ mailing }: { mailing: Mailing }) {
  const { total, withoutEmail, withoutConsent } = mailing.recipients;
  const receiving = formatCount(receivingCount(mailing.recipients));
  // Once sent, the letters went out: how they arrived is below.
  const outcome = mailing.status === 'sent' ? `писем: ${receiving}` : `письмо получат ${receiving}`;
  return (
    <Text>
      {`Получателей: ${formatCount(total)}, из них без e-mail: ${formatCount(withoutEmail)}, без согласия: ${formatCount(withoutConsent)} — ${outcome}`}
    </Text>
  );
}

const percent = (part: number, whole: number) =>
  whole <= 0 ? 100 : Math.min(100, Math.floor((part / whole) * 100));

function Bar({ label, value, done }: { label: string; value: number; done: boolean }) {
  return (
    <Progress
      value={value}
      aria-label={label}
      size="lg"
      color={done ? 'teal' : 'blue'}
      animated={!done}
      // A sliver at 0 %: the bar is visibly there before anything is counted.
      styles={{ section: { minWidth: rem(6) } }}
    />
  );
}

/**
 * While sending: first the recipients written (`prepared` of the audience), then the letters
 * the mail server took (`counts.sent` of those who get one).
 */
export function SendingProgress({ mailing }: { mailing: Mailing }) {
  const total = mailing.recipients.total;
  const letters = receivingCount(mailing.recipients);
  const prepared = Math.min(mailing.prepared, total);
  const preparing = prepared < total;
  return (
    <Stack gap="xs" aria-live="polite">
      {preparing ? (
        <>
          <Text size="sm">{`Готовим письма: ${formatCount(prepared)} из ${formatCount(total)} получателей`}</Text>
          <Bar label="Подготовка писем" value={percent(prepared, total)} done={false} />
        </>
      ) : (
        <>
          <Text size="sm">{`Отправлено писем: ${formatCount(mailing.counts.sent)} из ${formatCount(letters)}`}</Text>
          <Bar
            label="Отправка писем"
            value={percent(mailing.counts.sent, letters)}
            done={mailing.counts.sent >= letters}
          />
        </>
      )}
    </Stack>
  );
}

/** Delivered first: what the sender looks for. */
const DELIVERY_ORDER: readonly MailingRecipientStatus[] = [
  'sent',
  'queued',
  'failed',
  'bounced',
  'skipped',
];

/** How the letters went, by status (those with none left out, save «Отправлено»). */
export function DeliveryCounts({ mailing }: { mailing: Mailing }) {
  const shown = DELIVERY_ORDER.filter((status) => status === 'sent' || mailing.counts[status] > 0);
  return (
    <Group
      role="list"
      aria-label="Доставка по состояниям"
      style={{ rowGap: 'var(--mantine-spacing-xs)', columnGap: 'var(--mantine-spacing-lg)' }}
    >
      {shown.map((status) => (
        <Text
          key={status}
          role="listitem"
          c={status === 'failed' || status === 'bounced' ? 'red.8' : undefined}
        >
          {`${recipientStatusLabels[status]}: ${formatCount(mailing.counts[status])}`}
        </Text>
      ))}
    </Group>
  );
}
