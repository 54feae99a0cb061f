import { Anchor, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import {
  type CabinetBonuses,
  cardKindLabels,
  cardStatusLabels,
  formatKopecks,
  type OwnCards,
  purchaseStatusLabels,
} from '@profreestr/contracts';
import { Link } from 'react-router';
import { useCabinetBonuses, useCabinetOwnCards } from '../api/cabinet-bonuses';
import { isApiError } from '../api/client';
import { Hint } from '../cabinet/public-shell';
import { cardStatusColors, cardSteps } from '../cards/card-format';
import { keyed } from '../components/keyed';
import { PageLoader, QueryError } from '../components/query-state';
import { StatusBadge } from '../components/status-badge';
import { formatDateTime } from '../format';
import { purchaseStatusColors } from '../partners/partner-format';

const plainList = { listStyle: 'none', padding: 0, margin: 0 } as const;
/** The consents' section of «Мои данные»: the programme is joined and left there. */
export const CABINET_CONSENTS_HREF = '/cabinet/data#cabinet-consents';

/** `/cabinet/bonuses`: the member's cashback (waiting and confirmed), purchases and cards. */
export function CabinetBonusesPage() {
  useDocumentTitle('Мои бонусы PROFCARDS — Профреестр');
  const bonuses = useCabinetBonuses();
  const cards = useCabinetOwnCards();
  if (isApiError(bonuses.error, 401) || isApiError(cards.error, 401)) return <PageLoader />;

  return (
    <Stack gap="xl">
      <Title order={1} size="h2">
        Мои бонусы PROFCARDS
      </Title>
      {bonuses.isPending ? (
        <PageLoader />
      ) : bonuses.isError ? (
        <QueryError error={bonuses.error} onRetry={() => bonuses.refetch()} />
      ) : (
        <BonusesView data={bonuses.data} />
      )}
      <Text size="sm">
        Участие в программе включается и выключается в разделе{' '}
        <Anchor component={Link} to={CABINET_CONSENTS_HREF}>
          «Мои согласия»
        </Anchor>
        .
      </Text>
      {cards.data && cards.data.items.length > 0 && <OwnCardsList data={cards.data} />}
    </Stack>
  );
}

function Sum({ label, kopecks }: { label: string; kopecks: number }) {
  return (
    <Card withBorder padding="sm" radius="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={700} fz={22} style={{ whiteSpace: 'nowrap' }}>
        {formatKopecks(kopecks)}
      </Text>
    </Card>
  );
}

function BonusesView({ data }: { data: CabinetBonuses }) {
  return (
    <Stack gap="lg">
      <Stack gap="xs" component="section" aria-label="Кэшбэк">
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <Sum label="Ожидает подтверждения" kopecks={data.pending} />
          <Sum label="Подтверждено" kopecks={data.confirmed} />
        </SimpleGrid>
        <Hint>Кэшбэк за покупку подтверждается через несколько дней, если покупку не вернули.</Hint>
      </Stack>
      <Stack gap="sm" component="section" aria-labelledby="cabinet-purchases">
        <Title order={2} size="h3" id="cabinet-purchases">
          Покупки
        </Title>
        {data.items.length === 0 ? (
          <Text c="dimmed">
            Покупок пока нет. Покажите QR-код билета на кассе партнёра программы.
          </Text>
        ) : (
          <Stack gap="xs" component="ul" style={plainList} aria-label="Мои покупки">
            {keyed(data.items, (i) => `${i.purchasedAt}-${i.partner}-${i.amount}`).map(
              ([key, item]) => (
                <Card key={key} component="li" withBorder padding="sm" radius="md">
                  <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
                    <Text fw={500} style={{ overflowWrap: 'anywhere' }}>
                      {item.partner}
                    </Text>
                    <StatusBadge
                      label={purchaseStatusLabels[item.status]}
                      color={purchaseStatusColors[item.status]}
                    />
                  </Group>
                  <Text size="sm">
                    Покупка {formatKopecks(item.amount)} · кэшбэк {formatKopecks(item.cashback)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(item.purchasedAt)}
                  </Text>
                </Card>
              ),
            )}
          </Stack>
        )}
      </Stack>
    </Stack>
  );
}

/** The member's carriers of their number: which cards they hold and where each one is. */
function OwnCardsList({ data }: { data: OwnCards }) {
  return (
    <Stack gap="sm" component="section" aria-labelledby="cabinet-carriers">
      <Title order={2} size="h3" id="cabinet-carriers">
        Мои карты
      </Title>
      <Stack gap="xs" component="ul" style={plainList} aria-label="Мои карты">
        {data.items.map((card) => (
          <Card key={card.id} component="li" withBorder padding="sm" radius="md">
            <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
              <Text fw={500}>{cardKindLabels[card.kind]}</Text>
              <StatusBadge
                label={cardStatusLabels[card.status]}
                color={cardStatusColors[card.status]}
              />
            </Group>
            {cardSteps(card).map((line) => (
              <Text key={line} size="sm" c="dimmed">
                {line}
              </Text>
            ))}
          </Card>
        ))}
      </Stack>
    </Stack>
  );
}
