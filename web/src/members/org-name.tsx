import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useOrg } from '../api/orgs';

/** An org's name as a link to its passport (one cached request per org). */
export function OrgName({ id, size = 'sm' }: { id: string; size?: string }) {
  const org = useOrg(id);
  if (org.data) {
    return (
      <Anchor component={Link} to={`/orgs/${id}`} size={size} style={{ overflowWrap: 'anywhere' }}>
        {org.data.name}
      </Anchor>
    );
  }
  return (
    <Text span size={size} c="dimmed">
      {org.isError ? 'Организация недоступна' : 'Загрузка…'}
    </Text>
  );
}
