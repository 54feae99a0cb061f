import { Anchor, Card, Group, SimpleGrid, Text, Title } from '@mantine/core';
import {
  type Completeness,
  type Indicator,
  indicatorLabels,
  memberIndicators,
  orgIndicators,
} from '@profreestr/contracts';
import { Link } from 'react-router';
import { formatCount } from '../format';
import classes from './completeness.module.css';
import {
  countsOf,
  drillUrl,
  filledShare,
  formatShare,
  MEMBERS_GROUP,
  ORGS_GROUP,
  percentOf,
  shareStrongColor,
} from './indicators';

/** The org's own completeness: passports of primaries, then cards of members. */
export function CompletenessSummary({ orgId, data }: { orgId: string; data: Completeness }) {
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      <SummaryGroup
        orgId={orgId}
        data={data}
        title={ORGS_GROUP}
        total={data.orgs.total}
        keys={orgIndicators}
      />
      <SummaryGroup
        orgId={orgId}
        data={data}
        title={MEMBERS_GROUP}
        total={data.members.total}
        keys={memberIndicators}
      />
    </SimpleGrid>
  );
}

interface SummaryGroupProps {
  orgId: string;
  data: Completeness;
  title: string;
  total: number;
  keys: readonly Indicator[];
}

function SummaryGroup({ orgId, data, title, total, keys }: SummaryGroupProps) {
  const headingId = `summary-${keys[0]}`;
  return (
    <Card withBorder padding="sm" radius="md" component="section" aria-labelledby={headingId}>
      <Group justify="space-between" align="baseline" gap="xs" mb="xs">
        <Title order={2} size="h4" id={headingId}>
          {title}
        </Title>
        <Text size="sm" c="dimmed">
          Всего: {formatCount(total)}
        </Text>
      </Group>
      <ul className={classes.plainList}>
        {keys.map((key) => (
          <SummaryRow key={key} orgId={orgId} data={data} indicator={key} />
        ))}
      </ul>
    </Card>
  );
}

function SummaryRow({
  orgId,
  data,
  indicator,
}: {
  orgId: string;
  data: Completeness;
  indicator: Indicator;
}) {
  const { total, missing } = countsOf(data, indicator);
  const share = filledShare(data, indicator);
  return (
    <li className={classes.row} data-indicator={indicator}>
      <Group justify="space-between" wrap="nowrap" gap="xs" align="baseline">
        <Text size="sm">{indicatorLabels[indicator]}</Text>
        <Text size="sm" className={classes.percent}>
          {formatShare(share)}
        </Text>
      </Group>
      {share !== null && (
        <div className={classes.track} aria-hidden>
          <div
            className={classes.fill}
            style={{ width: `${percentOf(share)}%`, background: shareStrongColor(share) }}
          />
        </div>
      )}
      {total === 0 ? (
        <Text size="xs" c="dimmed">
          нет данных
        </Text>
      ) : missing > 0 ? (
        <Anchor component={Link} to={drillUrl(orgId, indicator)} size="sm">
          {`не заполнено у ${formatCount(missing)}`}
        </Anchor>
      ) : (
        <Text size="xs" c="teal.8">
          заполнено у всех
        </Text>
      )}
    </li>
  );
}
