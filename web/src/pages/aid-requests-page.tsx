import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useState } from 'react';
import { Link } from 'react-router';
import { useCan } from '../auth/use-auth';
import { AidDecisionModal, type Deciding } from '../social-support/aid-decision';
import { AidFilters, useAidParams } from '../social-support/aid-filters';
import { AidRequestList } from '../social-support/aid-request-list';
import { AID_REQUESTS_TITLE, AID_TOTALS_TITLE } from '../social-support/social-format';

/**
 * `/aid-requests`: members' requests for aid in the caller's subtree (its members', and those
 * to the benefits it offers), by status and org. Who may decide a request is the server's
 * `allowed.decide` on each: the staff of the offering org or above.
 */
export function AidRequestsPage() {
  useDocumentTitle(`${AID_REQUESTS_TITLE} — Профреестр`);
  const can = useCan();
  const { filters, set, clear } = useAidParams();
  const [deciding, setDeciding] = useState<Deciding | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  if (!can('aid:read')) {
    return (
      <Stack gap="md">
        <Title order={1} size="h2">
          {AID_REQUESTS_TITLE}
        </Title>
        <Text c="dimmed">У вас нет права смотреть обращения за помощью.</Text>
      </Stack>
    );
  }
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {AID_REQUESTS_TITLE}
      </Title>
      <Text size="sm" c="dimmed">
        Члены Профсоюза просят о помощи по льготам из каталога в личном кабинете. Решение принимают
        в организации, которая предлагает льготу, или в вышестоящей.
      </Text>
      <Group gap="xs">
        <Button component={Link} to="/aid-requests/totals" variant="default">
          {AID_TOTALS_TITLE}
        </Button>
        {can('benefit:read') && (
          <Button component={Link} to="/benefits" variant="default">
            Каталог льгот
          </Button>
        )}
      </Group>
      <AidFilters filters={filters} set={set} clear={clear} />
      {notice && (
        <Alert
          color="teal"
          role="status"
          withCloseButton
          closeButtonLabel="Закрыть"
          onClose={() => setNotice(null)}
        >
          {notice}
        </Alert>
      )}
      <AidRequestList
        filters={filters}
        onDecide={(request, decision) => {
          setNotice(null);
          setDeciding({ request, decision });
        }}
      />
      <AidDecisionModal
        deciding={deciding}
        onClose={() => setDeciding(null)}
        onDone={(text) => {
          setDeciding(null);
          setNotice(text);
        }}
      />
    </Stack>
  );
}
