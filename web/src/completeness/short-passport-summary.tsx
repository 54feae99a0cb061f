import { Button, Card, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useShortPassport } from '../api/completeness';
import { errorMessage } from '../components/query-state';
import { formatCount, formatPercent } from '../format';
import { shortPassportUrl } from './indicators';
import { Figures } from './short-passport-cards';

/** A few figures of the short passport for the home page, and the way to the rest. */
export function ShortPassportSummary({ orgId }: { orgId: string }) {
  const passport = useShortPassport(orgId);
  const data = passport.data;
  return (
    <Card withBorder padding="sm" radius="md" component="section" aria-labelledby="figures-title">
      <Title order={2} size="h4" id="figures-title" mb="xs">
        Организация в цифрах
      </Title>
      {passport.isPending && (
        <Text size="sm" c="dimmed">
          Загрузка…
        </Text>
      )}
      {passport.isError && (
        <Text size="sm" c="red.8">
          {errorMessage(passport.error)}
        </Text>
      )}
      {data && (
        <Figures
          items={[
            { label: 'Членов Профсоюза на учёте', value: formatCount(data.members.active) },
            { label: 'Женщины', value: formatCount(data.members.women) },
            { label: 'До 35 лет', value: formatCount(data.members.under35) },
            {
              label: 'Охват работающих',
              value: formatPercent(data.coverage.workingMembers, data.coverage.employees),
            },
          ]}
        />
      )}
      <Button component={Link} to={shortPassportUrl(orgId)} variant="light" mt="sm">
        Краткий паспорт
      </Button>
    </Card>
  );
}
