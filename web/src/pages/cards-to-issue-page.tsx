import { Alert, Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { CardToIssue } from '@profreestr/contracts';
import { useState } from 'react';
import { Link } from 'react-router';
import { useCardsToIssue, useIssueCard } from '../api/cards';
import { isOrgId } from '../api/orgs';
import { useCan } from '../auth/use-auth';
import { cardNumberText } from '../cards/card-format';
import { errorMessage, PageLoader, QueryError } from '../components/query-state';
import { ShowMore } from '../components/show-more';
import { useUrlFilters } from '../components/use-url-filters';
import { UnderControl } from '../orgs/under-control';
import { formatDate } from '../passport/field-model';

export const CARDS_TO_ISSUE_TITLE = 'Карты к выдаче';
const LIST_LABEL = 'Карты к выдаче';

const readUnder = (params: URLSearchParams) => {
  const under = params.get('under') ?? undefined;
  return { under: isOrgId(under) ? under : undefined };
};

/**
 * `/cards/to-issue`: plastic cards delivered to the caller's subtree and not yet handed over. The
 * chairman meets the member, taps «Выдать», and the card leaves the list.
 */
export function CardsToIssuePage() {
  useDocumentTitle(`${CARDS_TO_ISSUE_TITLE} — Профреестр`);
  const can = useCan();
  const { filters, set } = useUrlFilters<'under', { under: string | undefined }>(readUnder);
  const cards = useCardsToIssue(filters.under);
  const issue = useIssueCard();
  const [done, setDone] = useState<string | null>(null);
  const items = cards.data?.pages.flatMap((page) => page.items) ?? [];
  const canIssue = can('card:manage');

  const onIssue = (card: CardToIssue) => {
    setDone(null);
    issue.mutate(
      { memberId: card.memberId, cardId: card.cardId },
      { onSuccess: () => setDone(`Карта выдана: ${card.name}.`) },
    );
  };

  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {CARDS_TO_ISSUE_TITLE}
      </Title>
      <Text size="sm" c="dimmed">
        Пластиковые карты, доставленные в организации. Отдайте карту члену Профсоюза и нажмите
        «Выдать».
      </Text>
      <UnderControl under={filters.under} onChange={(under) => set({ under })} />
      {done && (
        <Alert
          color="teal"
          role="status"
          withCloseButton
          closeButtonLabel="Закрыть"
          onClose={() => setDone(null)}
        >
          {done}
        </Alert>
      )}
      {issue.isError && (
        <Alert color="red" role="alert" title="Не удалось отметить выдачу">
          {errorMessage(issue.error)}
        </Alert>
      )}
      {cards.isPending ? (
        <PageLoader />
      ) : cards.isError && items.length === 0 ? (
        <QueryError error={cards.error} onRetry={() => cards.refetch()} />
      ) : items.length === 0 ? (
        <Text c="dimmed" role="status">
          Карт к выдаче нет.
        </Text>
      ) : (
        <Stack
          gap="xs"
          component="ul"
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
          aria-label={LIST_LABEL}
        >
          {items.map((card) => (
            <ToIssueRow
              key={card.cardId}
              card={card}
              canIssue={canIssue}
              issuing={issue.isPending && issue.variables?.cardId === card.cardId}
              onIssue={() => onIssue(card)}
            />
          ))}
        </Stack>
      )}
      <ShowMore query={cards} />
    </Stack>
  );
}

interface RowProps {
  card: CardToIssue;
  canIssue: boolean;
  issuing: boolean;
  onIssue: () => void;
}

function ToIssueRow({ card, canIssue, issuing, onIssue }: RowProps) {
  return (
    <Card component="li" withBorder padding="sm" radius="md" aria-label={card.name}>
      <Group justify="space-between" align="center" wrap="nowrap" gap="sm">
        <Stack gap={2} miw={0}>
          <Anchor
            component={Link}
            to={`/members/${card.memberId}?tab=cards`}
            fw={500}
            style={{ overflowWrap: 'anywhere' }}
          >
            {card.name}
          </Anchor>
          <Text size="sm" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
            {cardNumberText(card.cardNumber)}
          </Text>
          <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {card.orgName}
            {card.deliveredOn ? ` · доставлена ${formatDate(card.deliveredOn.slice(0, 10))}` : ''}
          </Text>
        </Stack>
        {canIssue && (
          <Button
            loading={issuing}
            onClick={onIssue}
            style={{ flexShrink: 0 }}
            aria-label={`Выдать карту: ${card.name}`}
          >
            Выдать
          </Button>
        )}
      </Group>
    </Card>
  );
}
