import { Anchor, Card, Stack, Text, Title } from '@mantine/core';
import { memberChangeActionLabels, periodEndLabels } from '@profreestr/contracts';
import { Link } from 'react-router';
import { type RegistrationPeriod, useMemberHistory } from '../api/members';
import { PageLoader, QueryError } from '../components/query-state';
import { ChangeCard, type FieldDescription } from '../passport/change-card';
import { ChangeLog } from '../passport/change-log';
import { formatDate } from '../passport/field-model';
import { memberFieldsByPath } from './member-fields';
import { OrgName } from './org-name';

const reasonText = (reason: string) => periodEndLabels[reason] ?? reason;

function PeriodCard({ period }: { period: RegistrationPeriod }) {
  const until = period.deregisteredOn ? formatDate(period.deregisteredOn) : 'по настоящее время';
  return (
    <Card component="li" withBorder padding="sm" radius="md">
      <Anchor
        component={Link}
        to={`/orgs/${period.orgId}`}
        fw={500}
        style={{ overflowWrap: 'anywhere' }}
      >
        {period.orgName}
      </Anchor>
      <Text size="sm">
        {formatDate(period.registeredOn)} — {until}
      </Text>
      {period.reason && (
        <Text size="sm" c="dimmed">
          {reasonText(period.reason)}
        </Text>
      )}
    </Card>
  );
}

/** «Периоды учёта»: where and when the member was on record (from the history's first page). */
export function RegistrationPeriods({ memberId }: { memberId: string }) {
  const history = useMemberHistory(memberId);
  const periods = history.data?.pages[0]?.periods ?? [];
  return (
    <Stack gap="xs" component="section" aria-labelledby="periods-title">
      <Title order={2} size="h4" id="periods-title">
        Периоды учёта
      </Title>
      {history.isPending && <PageLoader />}
      {history.isError && <QueryError error={history.error} onRetry={() => history.refetch()} />}
      {history.isSuccess && periods.length === 0 && <Text c="dimmed">Периодов учёта нет.</Text>}
      <Stack gap="xs" component="ol" p={0} m={0} style={{ listStyle: 'none' }}>
        {periods.map((period) => (
          <PeriodCard key={`${period.orgId}-${period.registeredOn}`} period={period} />
        ))}
      </Stack>
    </Stack>
  );
}

function describe(field: string): FieldDescription {
  if (field === 'orgId') {
    return { label: 'Организация', render: (value) => <OrgName id={String(value)} /> };
  }
  const def = memberFieldsByPath.get(field);
  return def ? { label: def.label, def } : { label: field };
}

// Expanded nested changes (the consent, the notices) follow the card's field order.
const ORDER = new Map([...memberFieldsByPath.keys()].map((key, index) => [key, index]));
const order = (field: string) => ORDER.get(field) ?? ORDER.size;

/** The member's change log, newest first. */
export function MemberHistoryTab({ memberId }: { memberId: string }) {
  return (
    <ChangeLog
      history={useMemberHistory(memberId)}
      entry={(entry) => (
        <ChangeCard
          key={entry.id}
          entry={entry}
          actionLabel={memberChangeActionLabels[entry.action] ?? entry.action}
          describe={describe}
          order={order}
        />
      )}
    />
  );
}
