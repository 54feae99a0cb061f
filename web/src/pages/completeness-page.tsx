import { Anchor, Stack, Table, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import {
  type CompletenessOrgItem,
  type Indicator,
  indicatorLabels,
  isIndicator,
  isMemberIndicator,
  isOrgIndicator,
} from '@profreestr/contracts';
import { Link, useParams } from 'react-router';
import { isApiError } from '../api/client';
import { useCompletenessOrgs } from '../api/completeness';
import { isOrgId, useOrg } from '../api/orgs';
import { dashboardUrl, membersMissingUrl, passportTabUrl } from '../completeness/indicators';
import { PageLoader, QueryError } from '../components/query-state';
import { ShowMore } from '../components/show-more';
import { formatCount } from '../format';
import { NotFoundPage } from './not-found-page';

export const drillTitle = (indicator: Indicator) => `Не заполнено: ${indicatorLabels[indicator]}`;

export function CompletenessPage() {
  const { id, indicator } = useParams();
  if (!isOrgId(id) || !isIndicator(indicator)) return <NotFoundPage />;
  return <DrillView key={`${id}/${indicator}`} id={id} indicator={indicator} />;
}

/** The drill-down of «не заполнено у N»: which primaries of the subtree lack the indicator. */
function DrillView({ id, indicator }: { id: string; indicator: Indicator }) {
  const org = useOrg(id);
  const list = useCompletenessOrgs(id, indicator);
  const title = drillTitle(indicator);
  useDocumentTitle(`${title} — Профреестр`);
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];

  if (isApiError(org.error, 404)) return <NotFoundPage title="Организация не найдена" />;

  return (
    <Stack gap="md">
      <Anchor component={Link} to={dashboardUrl(id)} size="sm">
        ← К заполненности данных
      </Anchor>
      <Stack gap={4} component="header">
        <Title order={1} size="h2">
          {title}
        </Title>
        {org.data && (
          <Text c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {org.data.name}
          </Text>
        )}
      </Stack>
      {isMemberIndicator(indicator) && (
        <Anchor component={Link} to={membersMissingUrl(id, indicator)}>
          Все члены без поля
        </Anchor>
      )}

      {list.isPending && <PageLoader />}
      {list.isError && items.length === 0 && (
        <QueryError error={list.error} onRetry={() => list.refetch()} />
      )}
      {list.isSuccess && items.length === 0 && (
        <Text c="teal.8" fw={500} role="status">
          Всё заполнено
        </Text>
      )}
      {items.length > 0 && <DrillTable items={items} indicator={indicator} />}
      <ShowMore query={list} />
    </Stack>
  );
}

function DrillTable({ items, indicator }: { items: CompletenessOrgItem[]; indicator: Indicator }) {
  const members = isMemberIndicator(indicator);
  return (
    <Table verticalSpacing="xs" aria-label={drillTitle(indicator)}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Первичная организация</Table.Th>
          {members && (
            <Table.Th ta="right" w="7rem">
              Членов без поля
            </Table.Th>
          )}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((item) => (
          <Table.Tr key={item.id} data-org-id={item.id}>
            <Table.Td>
              <Anchor
                component={Link}
                // An org field: straight to the tab that fills it.
                to={
                  isOrgIndicator(indicator)
                    ? passportTabUrl(item.id, indicator)
                    : `/orgs/${item.id}`
                }
                fw={500}
                style={{ overflowWrap: 'anywhere' }}
              >
                {item.name}
              </Anchor>
              {item.parentName && (
                <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                  {item.parentName}
                </Text>
              )}
            </Table.Td>
            {members && (
              <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                <Anchor component={Link} to={membersMissingUrl(item.id, indicator)}>
                  {formatCount(item.missingMembers ?? 0)}
                </Anchor>
              </Table.Td>
            )}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
