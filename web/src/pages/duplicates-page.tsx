import { Anchor, Card, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { formatCardNumber, type Member } from '@profreestr/contracts';
import { Link } from 'react-router';
import { type DuplicateGroup, useDuplicates } from '../api/members';
import { useAuth } from '../auth/use-auth';
import { PageLoader, QueryError } from '../components/query-state';
import { ShowMore } from '../components/show-more';
import { MemberStatusBadge, memberName } from '../members/member-status';
import { OrgName } from '../members/org-name';
import { formatDate } from '../passport/field-model';

/** Suspected duplicates in the user's scope: one person (name + birth date) on record twice. */
export function DuplicatesPage() {
  useDocumentTitle('Возможные дубли — Профреестр');
  const { user } = useAuth();
  // The auth guard renders this page only with a user.
  const duplicates = useDuplicates(user?.orgId ?? '');
  const groups = duplicates.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        Возможные дубли
      </Title>
      <Text size="sm" c="dimmed">
        Записи с одинаковыми фамилией, именем, отчеством и датой рождения. Откройте карточки, чтобы
        решить, один ли это человек.
      </Text>
      {duplicates.isPending && <PageLoader />}
      {duplicates.isError && groups.length === 0 && (
        <QueryError error={duplicates.error} onRetry={() => duplicates.refetch()} />
      )}
      {duplicates.isSuccess && groups.length === 0 && (
        <Text c="dimmed" role="status">
          Возможных дублей не найдено.
        </Text>
      )}
      <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {groups.map((group) => (
          <GroupCard key={group.key} group={group} />
        ))}
      </Stack>
      <ShowMore query={duplicates} />
    </Stack>
  );
}

function GroupCard({ group }: { group: DuplicateGroup }) {
  const first = group.members[0];
  // A group is one name with the same birth date, or with it unknown in some of the records.
  const sameDate = first?.birthDate && group.members.every((m) => m.birthDate === first.birthDate);
  const title = first
    ? `${memberName(first)}${sameDate ? `, ${formatDate(first.birthDate as string)}` : ''}`
    : group.key;
  return (
    <Card component="li" withBorder padding="sm" radius="md">
      <Text fw={600} mb="xs" style={{ overflowWrap: 'anywhere' }}>
        {title}
      </Text>
      <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={title}>
        {group.members.map((member) => (
          <DuplicateRow key={member.id} member={member} />
        ))}
      </Stack>
    </Card>
  );
}

function DuplicateRow({ member }: { member: Member }) {
  return (
    <Stack
      component="li"
      gap={2}
      pt="xs"
      style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}
    >
      <Anchor component={Link} to={`/members/${member.id}`} fw={500}>
        {memberName(member)}
      </Anchor>
      <OrgName id={member.orgId} />
      <Text size="sm" c="dimmed">
        {member.birthDate ? formatDate(member.birthDate) : 'дата рождения не указана'} · билет{' '}
        <span style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
          {formatCardNumber(member.cardNumber)}
        </span>
      </Text>
      <div>
        <MemberStatusBadge member={member} size="sm" withDate />
      </div>
    </Stack>
  );
}
