import { Group, Stack, Text, Title } from '@mantine/core';
import { formatCardNumber, type Member } from '@profreestr/contracts';
import type { ReactNode } from 'react';
import { MemberStatusBadge, memberName } from './member-status';
import { OrgName } from './org-name';

/** Name, status, card number and org of the member; `actions` is the editors' menu. */
export function MemberHeader({ member, actions }: { member: Member; actions?: ReactNode }) {
  return (
    <Stack gap="xs" component="header">
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
      <OrgName id={member.orgId} />
    </Stack>
  );
}
