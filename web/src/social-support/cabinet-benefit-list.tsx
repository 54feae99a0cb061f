import { Button, Card, Group, Stack, Text } from '@mantine/core';
import { type Benefit, benefitKindLabels, isoToRu } from '@profreestr/contracts';
import { useCabinetBenefits } from '../api/cabinet-aid';
import { isApiError } from '../api/client';
import { PageLoader, QueryError } from '../components/query-state';
import { StatusBadge } from '../components/status-badge';
import { LongText } from './benefit-list';
import { benefitKindColors } from './social-format';

interface CabinetBenefitListProps {
  /** Benefits the member already has a request waiting for: no second one is offered. */
  waiting: ReadonlySet<string>;
  onRequest: (benefit: Benefit) => void;
}

/** What the member's org and its ancestors offer today, each with «Подать заявление». */
export function CabinetBenefitList({ waiting, onRequest }: CabinetBenefitListProps) {
  const benefits = useCabinetBenefits();
  // A 401 leads to the sign-in (the layout); nothing to show meanwhile.
  if (benefits.isPending || isApiError(benefits.error, 401)) return <PageLoader />;
  if (benefits.isError) {
    return <QueryError error={benefits.error} onRetry={() => benefits.refetch()} />;
  }
  if (benefits.data.items.length === 0) {
    return <Text c="dimmed">Сейчас ваша профсоюзная организация не предлагает льгот.</Text>;
  }
  return (
    <Stack
      gap="xs"
      component="ul"
      p={0}
      m={0}
      style={{ listStyle: 'none' }}
      aria-label="Льготы для меня"
    >
      {benefits.data.items.map((benefit) => (
        <Card
          key={benefit.id}
          component="li"
          withBorder
          padding="sm"
          radius="md"
          aria-label={benefit.title}
        >
          <Stack gap={6}>
            <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
              <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                {benefit.title}
              </Text>
              <StatusBadge
                label={benefitKindLabels[benefit.kind]}
                color={benefitKindColors[benefit.kind]}
              />
            </Group>
            <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              Предлагает: {benefit.orgName}
              {benefit.activeTo ? ` · до ${isoToRu(benefit.activeTo)} включительно` : ''}
            </Text>
            <LongText label="Описание" text={benefit.description} />
            <LongText label="Условия" text={benefit.conditions} />
            {waiting.has(benefit.id) ? (
              <Text size="sm" c="yellow.9" fw={500}>
                Ваше заявление на рассмотрении.
              </Text>
            ) : (
              <Button variant="light" size="md" fullWidth onClick={() => onRequest(benefit)}>
                Подать заявление
              </Button>
            )}
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}
