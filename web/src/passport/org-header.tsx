import { Anchor, Badge, Breadcrumbs, Button, Group, Stack, Text, Title } from '@mantine/core';
import { type Org, orgLevelLabels } from '@profreestr/contracts';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useOrgAncestors } from '../api/orgs';
import { dashboardUrl, shortPassportUrl } from '../completeness/indicators';
import { formatCount } from '../format';
import { formatDate } from './field-model';

/** The path from the user's own org down to this one; `linkTo` is where a crumb leads. */
export function OrgBreadcrumbs({
  id,
  linkTo = (orgId) => `/orgs/${orgId}`,
}: {
  id: string;
  linkTo?: (orgId: string) => string;
}) {
  const ancestors = useOrgAncestors(id);
  const items = ancestors.data?.items ?? [];
  if (items.length < 2) return null;

  return (
    <nav aria-label="Путь в структуре Профсоюза">
      <Breadcrumbs
        separatorMargin={6}
        styles={{ root: { rowGap: 6 }, breadcrumb: { whiteSpace: 'normal', lineHeight: 1.4 } }}
      >
        {items.map((item, index) =>
          index === items.length - 1 ? (
            <Text key={item.id} size="sm" aria-current="page">
              {item.name}
            </Text>
          ) : (
            <Anchor key={item.id} component={Link} to={linkTo(item.id)} size="sm">
              {item.name}
            </Anchor>
          ),
        )}
      </Breadcrumbs>
    </nav>
  );
}

interface OrgHeaderProps {
  org: Org;
  /** The menus «Выгрузить» and «Действия». */
  actions?: ReactNode;
  /** A link to the org's users (editors and admins). */
  usersLink?: boolean;
}

/** Name, level, status and code of the org, and links to its other pages. */
export function OrgHeader({ org, actions, usersLink = false }: OrgHeaderProps) {
  const liquidated = org.status === 'liquidated';
  return (
    <Stack gap="xs" component="header">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <Title order={1} size="h3" id="org-title" style={{ overflowWrap: 'anywhere' }}>
          {org.name}
        </Title>
        {actions}
      </Group>
      <Group gap="xs">
        <Badge variant="light" tt="none" maw="100%">
          {orgLevelLabels[org.level]}
        </Badge>
        {liquidated ? (
          <Badge color="red" variant="light" tt="none">
            Ликвидирована{org.liquidatedOn ? ` ${formatDate(org.liquidatedOn)}` : ''}
          </Badge>
        ) : (
          <Badge color="teal" variant="light" tt="none">
            Действует
          </Badge>
        )}
        <Text size="sm" c="dimmed">
          Код: {org.code}
        </Text>
        <Text size="sm" c="dimmed">
          Членов: {formatCount(org.memberCount)}
        </Text>
        {org.childCount > 0 && (
          <Text size="sm" c="dimmed">
            Подчинённых: {formatCount(org.childCount)}
          </Text>
        )}
      </Group>
      {(!liquidated || usersLink) && (
        <Group gap="xs">
          {!liquidated && (
            <Button component={Link} to={shortPassportUrl(org.id)} variant="light" size="xs">
              Краткий паспорт
            </Button>
          )}
          {/* A primary's own completeness is its to-do list on the home page. */}
          {!liquidated && org.level !== 'primary' && (
            <Button component={Link} to={dashboardUrl(org.id)} variant="light" size="xs">
              Заполненность
            </Button>
          )}
          {usersLink && (
            <Button component={Link} to={`/users?under=${org.id}`} variant="light" size="xs">
              Пользователи
            </Button>
          )}
        </Group>
      )}
      {org.mergedIntoId && (
        <Anchor component={Link} to={`/orgs/${org.mergedIntoId}`} size="sm">
          Присоединена к другой организации — открыть её паспорт
        </Anchor>
      )}
    </Stack>
  );
}
