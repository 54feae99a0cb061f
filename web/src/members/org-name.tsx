import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useOrgAncestors } from '../api/orgs';

/**
 * An org's name as a link to its passport. Read from the org's chain of parents (cached and
 * shared with breadcrumbs, no passport read): lists carry their names themselves.
 */
export function OrgName({ id, size = 'sm' }: { id: string; size?: string }) {
  const chain = useOrgAncestors(id);
  const org = chain.data?.items.at(-1);
  if (org) {
    return (
      <Anchor component={Link} to={`/orgs/${id}`} size={size} style={{ overflowWrap: 'anywhere' }}>
        {org.name}
      </Anchor>
    );
  }
  return (
    <Text span size={size} c="dimmed">
      {chain.isError ? 'Организация недоступна' : 'Загрузка…'}
    </Text>
  );
}
