import { Anchor, Badge, Card, Group, Table, Text } from '@mantine/core';
import type { AuditEntry, AuditResult } from '@profreestr/contracts';
import { Link } from 'react-router';
import {
  actionLabel,
  auditResultColors,
  auditResultLabels,
  detailsText,
  formatAuditTime,
  recordText,
  targetPath,
} from './audit-format';

export function AuditResultBadge({ result }: { result: AuditResult }) {
  return (
    <Badge
      color={auditResultColors[result]}
      variant="light"
      tt="none"
      size="sm"
      style={{ flexShrink: 0 }}
    >
      {auditResultLabels[result]}
    </Badge>
  );
}

/** What the entry is about, by its name now; a link to its page when it can be opened. */
function Target({ target }: { target: AuditEntry['target'] }) {
  if (!target) return <>—</>;
  const text = recordText(target);
  const path = targetPath(target);
  if (!path) return <span style={{ overflowWrap: 'anywhere' }}>{text}</span>;
  return (
    <Anchor component={Link} to={path} size="sm" style={{ overflowWrap: 'anywhere' }}>
      {text}
    </Anchor>
  );
}

/** «Петрова Анна (petrova)»; the login alone when the user is not the reader's to see. */
const actorText = (entry: AuditEntry) => {
  const actor = entry.actor;
  if (!actor?.login) return actor?.fullName ?? '—';
  return actor.fullName ? `${actor.fullName} (${actor.login})` : actor.login;
};

function Action({ entry }: { entry: AuditEntry }) {
  const details = detailsText(entry);
  return (
    <>
      <Text size="sm" fw={500}>
        {actionLabel(entry.action)}
      </Text>
      {details && (
        <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {details}
        </Text>
      )}
    </>
  );
}

export interface AuditEntryProps {
  entry: AuditEntry;
  /** Show what the entry is about (not on a member's own tab). */
  showTarget: boolean;
}

/** One entry as a table row (wide screens). */
export function AuditTableRow({ entry, showTarget }: AuditEntryProps) {
  return (
    <Table.Tr data-result={entry.result}>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <time dateTime={entry.at}>{formatAuditTime(entry.at)}</time>
      </Table.Td>
      <Table.Td style={{ overflowWrap: 'anywhere' }}>{actorText(entry)}</Table.Td>
      <Table.Td style={{ overflowWrap: 'anywhere' }}>{entry.ip ?? '—'}</Table.Td>
      <Table.Td>
        <Action entry={entry} />
      </Table.Td>
      {showTarget && (
        <Table.Td>
          <Target target={entry.target} />
        </Table.Td>
      )}
      <Table.Td>
        <AuditResultBadge result={entry.result} />
      </Table.Td>
    </Table.Tr>
  );
}

/** One entry as a card (phones). */
export function AuditCard({ entry, showTarget }: AuditEntryProps) {
  return (
    <Card component="li" withBorder padding="sm" radius="md" data-result={entry.result}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <div style={{ minWidth: 0 }}>
          <Action entry={entry} />
        </div>
        <AuditResultBadge result={entry.result} />
      </Group>
      <Text size="sm" c="dimmed" mt={4} style={{ overflowWrap: 'anywhere' }}>
        <time dateTime={entry.at}>{formatAuditTime(entry.at)}</time> · {actorText(entry)}
        {entry.ip ? ` · IP ${entry.ip}` : ''}
      </Text>
      {showTarget && entry.target && (
        <Text size="sm" mt={2}>
          <Target target={entry.target} />
        </Text>
      )}
    </Card>
  );
}
