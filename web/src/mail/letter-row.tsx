import { Anchor, Card, Group, Table, Text } from '@mantine/core';
import { type Letter, letterKindLabels } from '@profreestr/contracts';
import { Link } from 'react-router';
import { formatCount, formatDateTime } from '../format';
import { canResend, LetterStatusBadge } from './letter-status';

export const letterPath = (id: string) => `/mail/${id}`;

/** The subject (or a stand-in for an empty one), opening the letter. */
function Subject({ letter }: { letter: Letter }) {
  return (
    <Anchor
      component={Link}
      to={letterPath(letter.id)}
      fw={500}
      size="sm"
      style={{ overflowWrap: 'anywhere' }}
    >
      {letter.subject.trim() || 'Без темы'}
    </Anchor>
  );
}

/** Why the last attempt failed, for a letter that did not arrive. */
function LastError({ letter }: { letter: Letter }) {
  if (!letter.lastError || !canResend(letter.status)) return null;
  return (
    <Text size="xs" c="red.8" mt={2} style={{ overflowWrap: 'anywhere' }}>
      {letter.lastError}
    </Text>
  );
}

const sentText = (letter: Letter) => (letter.sentAt ? formatDateTime(letter.sentAt) : '—');

/** One letter as a table row (wide screens). */
export function LetterTableRow({ letter }: { letter: Letter }) {
  return (
    <Table.Tr data-status={letter.status}>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <time dateTime={letter.createdAt}>{formatDateTime(letter.createdAt)}</time>
      </Table.Td>
      <Table.Td>
        <Subject letter={letter} />
        <Text size="xs" c="dimmed">
          {letterKindLabels[letter.kind]}
        </Text>
        <LastError letter={letter} />
      </Table.Td>
      <Table.Td style={{ overflowWrap: 'anywhere' }}>{letter.to}</Table.Td>
      <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
        {formatCount(letter.attempts)}
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        {letter.sentAt ? <time dateTime={letter.sentAt}>{sentText(letter)}</time> : '—'}
      </Table.Td>
      <Table.Td>
        <LetterStatusBadge status={letter.status} />
      </Table.Td>
    </Table.Tr>
  );
}

/** One letter as a card (phones). */
export function LetterCard({ letter }: { letter: Letter }) {
  return (
    <Card component="li" withBorder padding="sm" radius="md" data-status={letter.status}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <div style={{ minWidth: 0 }}>
          <Subject letter={letter} />
        </div>
        <LetterStatusBadge status={letter.status} />
      </Group>
      <Text size="sm" mt={4} style={{ overflowWrap: 'anywhere' }}>
        {letter.to}
      </Text>
      <Text size="sm" c="dimmed" mt={2}>
        {letterKindLabels[letter.kind]} · попыток: {formatCount(letter.attempts)}
      </Text>
      <Text size="sm" c="dimmed" mt={2}>
        Создано <time dateTime={letter.createdAt}>{formatDateTime(letter.createdAt)}</time>
        {letter.sentAt && (
          <>
            {' · отправлено '}
            <time dateTime={letter.sentAt}>{formatDateTime(letter.sentAt)}</time>
          </>
        )}
      </Text>
      <LastError letter={letter} />
    </Card>
  );
}
