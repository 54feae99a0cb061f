import {
  Anchor,
  Badge,
  Breadcrumbs,
  Card,
  DataList,
  Stack,
  Text,
  Title,
  useMatches,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { type Org, orgLevelLabels, orgStatusLabels } from '@profreestr/contracts';
import { Link, useParams } from 'react-router';
import { isApiError } from '../api/client';
import { isOrgId, useOrg, useOrgAncestors } from '../api/orgs';
import { PageLoader, QueryError } from '../components/query-state';
import { formatCount } from '../format';
import { OrgTree } from '../orgs/org-tree';
import { NotFoundPage } from './not-found-page';

const NOT_FOUND = 'Организация не найдена';

export function OrgPage() {
  const { id } = useParams();
  if (!isOrgId(id)) return <NotFoundPage title={NOT_FOUND} />;
  // A new id is a new page: reset the tree's expansion and focus state.
  return <OrgView key={id} id={id} />;
}

function OrgView({ id }: { id: string }) {
  const org = useOrg(id);
  useDocumentTitle(`${org.data?.name ?? 'Организация'} — Профреестр`);

  // Out-of-scope organizations answer 404 too, indistinguishable from missing ones.
  if (isApiError(org.error, 404)) return <NotFoundPage title={NOT_FOUND} />;
  if (org.isError) return <QueryError error={org.error} onRetry={() => org.refetch()} />;
  if (!org.data) return <PageLoader />;

  return (
    <Stack gap="md">
      <OrgBreadcrumbs id={id} />
      <OrgCard org={org.data} />
      <Title order={2} size="h4">
        Подчинённые организации
      </Title>
      {org.data.childCount > 0 ? (
        <OrgTree root={org.data} />
      ) : (
        <Text c="dimmed">Подчинённых организаций нет.</Text>
      )}
    </Stack>
  );
}

function OrgBreadcrumbs({ id }: { id: string }) {
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
            <Anchor key={item.id} component={Link} to={`/orgs/${item.id}`} size="sm">
              {item.name}
            </Anchor>
          ),
        )}
      </Breadcrumbs>
    </nav>
  );
}

function OrgCard({ org }: { org: Org }) {
  // Labels above values on phones, side by side from the `xs` breakpoint.
  const orientation = useMatches({ base: 'vertical', xs: 'horizontal' } as const);
  const rows: [string, string][] = [
    ['Краткое наименование', org.shortName ?? '—'],
    ['Код', org.code],
    ['Уровень', orgLevelLabels[org.level]],
    ['Статус', orgStatusLabels[org.status]],
    ['Членов Профсоюза', formatCount(org.memberCount)],
    ['Подчинённых организаций', formatCount(org.childCount)],
  ];

  return (
    <Card withBorder padding="md" radius="md" component="section" aria-labelledby="org-title">
      <Stack gap="sm">
        <Title order={1} size="h3" id="org-title" style={{ overflowWrap: 'anywhere' }}>
          {org.name}
        </Title>
        {org.status !== 'active' && (
          <Badge color="gray" variant="light" tt="none">
            {orgStatusLabels[org.status]}
          </Badge>
        )}
        <DataList orientation={orientation} labelWidth="14rem" withDivider>
          {rows.map(([label, value]) => (
            <DataList.Item key={label}>
              <DataList.ItemLabel>{label}</DataList.ItemLabel>
              <DataList.ItemValue>{value}</DataList.ItemValue>
            </DataList.Item>
          ))}
        </DataList>
      </Stack>
    </Card>
  );
}
