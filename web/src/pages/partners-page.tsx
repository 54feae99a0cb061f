import { Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { Partner } from '@profreestr/contracts';
import { useState } from 'react';
import { Link } from 'react-router';
import { type PartnerWithKey, usePartners } from '../api/partners';
import { useCan } from '../auth/use-auth';
import { FormModal } from '../components/form-modal';
import { PageLoader, QueryError } from '../components/query-state';
import { StatusBadge } from '../components/status-badge';
import { formatCount } from '../format';
import { ApiKeyModal } from '../partners/api-key-modal';
import { PartnerForm } from '../partners/partner-form';
import { formatRate } from '../partners/partner-format';

export const PARTNERS_TITLE = 'Партнёры PROFCARDS';
const LIST_LABEL = 'Партнёры';

/** `/partners`: the programme's partners, their rates and keys; a new one gets its key once. */
export function PartnersPage() {
  useDocumentTitle(`${PARTNERS_TITLE} — Профреестр`);
  const can = useCan();
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<PartnerWithKey | null>(null);

  if (!can('partner:manage')) {
    return (
      <Stack gap="md">
        <Title order={1} size="h2">
          {PARTNERS_TITLE}
        </Title>
        <Text c="dimmed">У вас нет права управлять партнёрами.</Text>
      </Stack>
    );
  }
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {PARTNERS_TITLE}
      </Title>
      <div>
        <Button onClick={() => setAdding(true)}>Добавить партнёра</Button>
      </div>
      <PartnerList />
      <FormModal opened={adding} onClose={() => setAdding(false)} title="Новый партнёр" size="md">
        {adding && (
          <PartnerForm
            onCancel={() => setAdding(false)}
            onCreated={(result) => {
              setAdding(false);
              setCreated(result);
            }}
          />
        )}
      </FormModal>
      <ApiKeyModal shown={created} onClose={() => setCreated(null)} />
    </Stack>
  );
}

function PartnerList() {
  const partners = usePartners();
  if (partners.isPending) return <PageLoader />;
  if (partners.isError) {
    return <QueryError error={partners.error} onRetry={() => partners.refetch()} />;
  }
  const items = partners.data.items;
  if (items.length === 0) {
    return (
      <Text c="dimmed" role="status">
        Партнёров пока нет.
      </Text>
    );
  }
  return (
    <Stack
      gap="xs"
      component="ul"
      p={0}
      m={0}
      style={{ listStyle: 'none' }}
      aria-label={LIST_LABEL}
    >
      {items.map((partner) => (
        <PartnerCard key={partner.id} partner={partner} />
      ))}
    </Stack>
  );
}

function PartnerCard({ partner }: { partner: Partner }) {
  return (
    <Card component="li" withBorder padding="sm" radius="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <Anchor
          component={Link}
          to={`/partners/${partner.id}`}
          fw={500}
          style={{ overflowWrap: 'anywhere' }}
        >
          {partner.name}
        </Anchor>
        {partner.keyPrefix ? (
          <StatusBadge label="Ключ действует" color="teal" />
        ) : (
          <StatusBadge label="Без ключа" color="gray" />
        )}
      </Group>
      <Text size="sm" mt={4}>
        Кэшбэк {formatRate(partner.cashbackPercent)} · покупок: {formatCount(partner.purchases)}
      </Text>
    </Card>
  );
}
