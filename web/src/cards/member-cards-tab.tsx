import { Alert, Card as Box, Button, Group, Stack, Text, Title } from '@mantine/core';
import {
  type Card,
  type CardEvent,
  cardKindLabels,
  cardStatusLabels,
  type MemberCards,
} from '@profreestr/contracts';
import { useState } from 'react';
import { useIssueCard, useMemberCards } from '../api/cards';
import { keyed } from '../components/keyed';
import { errorMessage, PageLoader, QueryError } from '../components/query-state';
import { StatusBadge } from '../components/status-badge';
import { formatDateTime } from '../format';
import { BlockCardModal } from './block-card-modal';
import {
  blockReasonText,
  cardNumberText,
  cardStatusColors,
  cardSteps,
  isLiveCard,
} from './card-format';

const plainList = { listStyle: 'none', padding: 0, margin: 0 } as const;

/**
 * «Карты» of the member card: the number for life, its carriers (plastic, virtual) with their
 * dated steps, «Выдана» and «Заблокировать» where the server's `allowed` says so, the history.
 */
export function MemberCardsTab({ memberId }: { memberId: string }) {
  const cards = useMemberCards(memberId);
  const issue = useIssueCard();
  const [blocking, setBlocking] = useState<Card | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  if (cards.isPending) return <PageLoader />;
  if (cards.isError) return <QueryError error={cards.error} onRetry={() => cards.refetch()} />;
  const data = cards.data;

  const onIssue = (card: Card) => {
    setNotice(null);
    issue.mutate(
      { memberId, cardId: card.id },
      { onSuccess: () => setNotice('Карта отмечена как выданная.') },
    );
  };

  return (
    <Stack gap="lg">
      <Stack gap={2}>
        <Text size="sm" c="dimmed">
          Номер карты — навсегда за членом Профсоюза
        </Text>
        <Text
          ff="monospace"
          fz="xl"
          fw={700}
          style={{ whiteSpace: 'nowrap', letterSpacing: '0.04em' }}
        >
          {cardNumberText(data.cardNumber)}
        </Text>
      </Stack>
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
      {issue.isError && (
        <Alert color="red" role="alert" title="Не удалось отметить выдачу">
          {errorMessage(issue.error)}
        </Alert>
      )}
      <Carriers
        data={data}
        issuing={issue.isPending ? issue.variables?.cardId : undefined}
        onIssue={onIssue}
        onBlock={(card) => {
          setNotice(null);
          setBlocking(card);
        }}
      />
      <CardHistory events={data.events} />
      <BlockCardModal
        memberId={memberId}
        card={blocking}
        onClose={() => setBlocking(null)}
        onDone={setNotice}
      />
    </Stack>
  );
}

interface CarriersProps {
  data: MemberCards;
  /** The card being marked as handed over. */
  issuing: string | undefined;
  onIssue: (card: Card) => void;
  onBlock: (card: Card) => void;
}

function Carriers({ data, issuing, onIssue, onBlock }: CarriersProps) {
  return (
    <Stack gap="xs" component="section" aria-labelledby="carriers-title">
      <Title order={2} size="h4" id="carriers-title">
        Носители
      </Title>
      {data.items.length === 0 ? (
        <Text c="dimmed">
          Карт пока нет: пластиковую заказывают партией, виртуальная появится при первом входе в
          личный кабинет.
        </Text>
      ) : (
        <Stack gap="xs" component="ul" style={plainList} aria-label="Носители карты">
          {data.items.map((card) => (
            <CarrierCard
              key={card.id}
              card={card}
              canIssue={
                data.allowed.issue && card.kind === 'plastic' && card.status === 'delivered'
              }
              canBlock={data.allowed.block && isLiveCard(card)}
              issuing={issuing === card.id}
              onIssue={() => onIssue(card)}
              onBlock={() => onBlock(card)}
            />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

interface CarrierCardProps {
  card: Card;
  canIssue: boolean;
  canBlock: boolean;
  issuing: boolean;
  onIssue: () => void;
  onBlock: () => void;
}

function CarrierCard({ card, canIssue, canBlock, issuing, onIssue, onBlock }: CarrierCardProps) {
  const title = cardKindLabels[card.kind];
  return (
    <Box component="li" withBorder padding="sm" radius="md" aria-label={title}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <Text fw={500}>{title}</Text>
        <StatusBadge label={cardStatusLabels[card.status]} color={cardStatusColors[card.status]} />
      </Group>
      {cardSteps(card).map((line) => (
        <Text key={line} size="sm" c="dimmed">
          {line}
        </Text>
      ))}
      {(canIssue || canBlock) && (
        <Group gap="xs" mt="xs">
          {canIssue && (
            <Button size="sm" loading={issuing} onClick={onIssue}>
              Выдана
            </Button>
          )}
          {canBlock && (
            <Button size="sm" variant="light" color="red" onClick={onBlock}>
              Заблокировать
            </Button>
          )}
        </Group>
      )}
    </Box>
  );
}

const eventText = (event: CardEvent) => {
  const reason = blockReasonText(event.reason);
  return `${cardKindLabels[event.kind]}: ${cardStatusLabels[event.status].toLocaleLowerCase('ru-RU')}${reason ? ` (${reason.toLocaleLowerCase('ru-RU')})` : ''}`;
};

/** Every dated step of every carrier, newest first. */
function CardHistory({ events }: { events: CardEvent[] }) {
  const sorted = [...events].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <Stack gap="xs" component="section" aria-labelledby="card-history-title">
      <Title order={2} size="h4" id="card-history-title">
        История карты
      </Title>
      {sorted.length === 0 ? (
        <Text c="dimmed">Событий пока нет.</Text>
      ) : (
        <Stack gap={6} component="ol" style={plainList} aria-label="История карты">
          {keyed(sorted, (e) => `${e.cardId}-${e.status}-${e.at}`).map(([key, event]) => (
            <li key={key}>
              <Text size="sm">{eventText(event)}</Text>
              <Text size="xs" c="dimmed">
                {formatDateTime(event.at)} · {event.by}
              </Text>
            </li>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
