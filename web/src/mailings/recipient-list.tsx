import { Anchor, Button, Card, Group, NativeSelect, Stack, Table, Text } from '@mantine/core';
import {
  type MailingRecipient,
  type MailingRecipientStatus,
  mailingRecipientStatuses,
} from '@profreestr/contracts';
import { Link, useSearchParams } from 'react-router';
import { useMailingRecipients } from '../api/mailings';
import { PageLoader, QueryError } from '../components/query-state';
import { ShowMore } from '../components/show-more';
import { useWideScreen } from '../components/use-wide-screen';
import { reasonText, recipientStatusLabels } from './mailing-format';
import { RecipientStatusBadge } from './mailing-status';

const LABEL = 'Получатели';

const STATUS_OPTIONS = [
  { value: '', label: 'Все' },
  ...mailingRecipientStatuses.map((value) => ({ value, label: recipientStatusLabels[value] })),
];

/** The filter as the URL holds it (back and reload keep it); a hand-edited value is dropped. */
function useStatusParam() {
  const [params, setParams] = useSearchParams();
  const value = params.get('status');
  const status = (mailingRecipientStatuses as readonly string[]).includes(value ?? '')
    ? (value as MailingRecipientStatus)
    : undefined;
  const set = (next: string) =>
    setParams(
      (current) => {
        const copy = new URLSearchParams(current);
        if (next) copy.set('status', next);
        else copy.delete('status');
        return copy;
      },
      { replace: true },
    );
  return [status, set] as const;
}

/**
 * Who the mailing went to and how each letter went, filtered by state. Written when sending
 * begins: a draft has none yet. `live`: still sending, so «Обновить» is offered (the list is
 * not polled: each read of the addresses is on the audit record).
 */
export function RecipientList({ mailingId, live }: { mailingId: string; live: boolean }) {
  const wide = useWideScreen();
  const [status, setStatus] = useStatusParam();
  const recipients = useMailingRecipients(mailingId, status);
  const items = recipients.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="sm">
      <Group align="flex-end" gap="sm">
        <NativeSelect
          label="Состояние"
          data={STATUS_OPTIONS}
          value={status ?? ''}
          onChange={(event) => setStatus(event.currentTarget.value)}
          miw={200}
        />
        {live && (
          <Button
            variant="default"
            loading={recipients.isFetching && !recipients.isFetchingNextPage}
            onClick={() => recipients.refetch()}
          >
            Обновить
          </Button>
        )}
      </Group>
      {recipients.isPending ? (
        <PageLoader />
      ) : recipients.isError && items.length === 0 ? (
        <QueryError error={recipients.error} onRetry={() => recipients.refetch()} />
      ) : (
        <>
          {items.length === 0 && (
            <Text c="dimmed" role="status">
              {status ? 'Получателей в этом состоянии нет.' : 'Получателей нет.'}
            </Text>
          )}
          {items.length > 0 && wide && (
            <Table.ScrollContainer minWidth={720} type="native">
              <Table striped withTableBorder verticalSpacing="xs" aria-label={LABEL}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Получатель</Table.Th>
                    <Table.Th w={260}>E-mail</Table.Th>
                    <Table.Th w={260}>Доставка</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((recipient) => (
                    <RecipientRow key={`${recipient.kind}:${recipient.id}`} recipient={recipient} />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          {items.length > 0 && !wide && (
            <Stack
              gap="xs"
              component="ul"
              p={0}
              m={0}
              style={{ listStyle: 'none' }}
              aria-label={LABEL}
            >
              {items.map((recipient) => (
                <RecipientCard key={`${recipient.kind}:${recipient.id}`} recipient={recipient} />
              ))}
            </Stack>
          )}
          <ShowMore query={recipients} />
        </>
      )}
    </Stack>
  );
}

/** A member opens their card; a chairman, the passport of the org they chair. */
function Name({ recipient }: { recipient: MailingRecipient }) {
  const to = recipient.kind === 'member' ? `/members/${recipient.id}` : `/orgs/${recipient.orgId}`;
  return (
    <>
      <Anchor component={Link} to={to} fw={500} size="sm" style={{ overflowWrap: 'anywhere' }}>
        {recipient.name}
      </Anchor>
      {recipient.kind === 'chairman' && (
        <Text span size="xs" c="dimmed">
          {' '}
          · председатель
        </Text>
      )}
    </>
  );
}

function Reason({ recipient }: { recipient: MailingRecipient }) {
  const text = reasonText(recipient.reason);
  if (!text || recipient.status === 'sent') return null;
  return (
    <Text
      size="xs"
      c={recipient.status === 'skipped' ? 'dimmed' : 'red.8'}
      mt={2}
      style={{ overflowWrap: 'anywhere' }}
    >
      {text}
    </Text>
  );
}

/** The address, or a dash for a recipient without one (the reason says so). */
function Email({ recipient }: { recipient: MailingRecipient }) {
  if (recipient.email) return recipient.email;
  return (
    <Text span size="sm" c="dimmed">
      —
    </Text>
  );
}

function RecipientRow({ recipient }: { recipient: MailingRecipient }) {
  return (
    <Table.Tr data-status={recipient.status}>
      <Table.Td>
        <Name recipient={recipient} />
      </Table.Td>
      <Table.Td style={{ overflowWrap: 'anywhere' }}>
        <Email recipient={recipient} />
      </Table.Td>
      <Table.Td>
        <RecipientStatusBadge status={recipient.status} />
        <Reason recipient={recipient} />
      </Table.Td>
    </Table.Tr>
  );
}

function RecipientCard({ recipient }: { recipient: MailingRecipient }) {
  return (
    <Card component="li" withBorder padding="sm" radius="md" data-status={recipient.status}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <div style={{ minWidth: 0 }}>
          <Name recipient={recipient} />
        </div>
        <RecipientStatusBadge status={recipient.status} />
      </Group>
      <Text size="sm" mt={4} style={{ overflowWrap: 'anywhere' }}>
        <Email recipient={recipient} />
      </Text>
      <Reason recipient={recipient} />
    </Card>
  );
}
