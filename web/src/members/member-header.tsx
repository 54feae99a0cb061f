import { Anchor, Breadcrumbs, Group, Stack, Text, Title } from '@mantine/core';
import { formatCardNumber, type Member } from '@profreestr/contracts';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useOrgAncestors } from '../api/orgs';
import { MemberStatusBadge, memberName } from './member-status';
import { OrgName } from './org-name';

/** Name, status, card number and where the member is; `actions` is the editors' menu. */
export function MemberHeader({ member, actions }: { member: Member; actions?: ReactNode }) {
  return (
    <Stack gap="xs" component="header">
      <MemberPlace orgId={member.orgId} />
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <Title order={1} size="h3" style={{ overflowWrap: 'anywhere' }}>
          {memberName(member)}
        </Title>
        {actions}
      </Group>
      <Group gap="xs" wrap="wrap">
        <MemberStatusBadge member={member} withDate />
        <Text
          size="sm"
          fw={500}
          style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}
        >
          Билет № {formatCardNumber(member.cardNumber)}
        </Text>
      </Group>
    </Stack>
  );
}

/** Region › territory › primary: the member's org and the parents the user may see. */
function MemberPlace({ orgId }: { orgId: string }) {
  const chain = useOrgAncestors(orgId);
  // The centre is above everyone: naming it places no one.
  const items = chain.data?.items.filter((org) => org.level !== 'central') ?? [];
  if (items.length === 0) return <OrgName id={orgId} />;
  return (
    <nav aria-label="Где состоит на учёте">
      <Breadcrumbs separator="›" separatorMargin={6} style={{ flexWrap: 'wrap', rowGap: 2 }}>
        {items.map((org) => (
          <Anchor
            key={org.id}
            component={Link}
            to={`/orgs/${org.id}`}
            size="sm"
            style={{ overflowWrap: 'anywhere' }}
          >
            {org.name}
          </Anchor>
        ))}
      </Breadcrumbs>
    </nav>
  );
}
