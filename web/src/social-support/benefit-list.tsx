import { Alert, Button, Card, Group, Stack, Text } from '@mantine/core';
import { type Benefit, benefitKindLabels } from '@profreestr/contracts';
import { useState } from 'react';
import { useBenefits, useEndBenefit } from '../api/benefits';
import { FormModal } from '../components/form-modal';
import { errorMessage, PageLoader, QueryError } from '../components/query-state';
import { ShowMore } from '../components/show-more';
import { StatusBadge } from '../components/status-badge';
import { benefitDates, benefitKindColors, benefitState } from './social-format';

const LIST_LABEL = 'Каталог льгот';

interface BenefitListProps {
  under: string | undefined;
  /** «Изменить» and «Завершить»: the caller keeps the catalogue (`benefit:manage`). */
  onEdit: ((benefit: Benefit) => void) | undefined;
  /** Said on the page once a benefit is ended. */
  onEnded: (notice: string) => void;
}

/** The subtree's benefits, newest first, with «Показать ещё». */
export function BenefitList({ under, onEdit, onEnded }: BenefitListProps) {
  const benefits = useBenefits(under);
  const [ending, setEnding] = useState<Benefit | null>(null);
  const items = benefits.data?.pages.flatMap((page) => page.items) ?? [];

  if (benefits.isPending) return <PageLoader />;
  if (benefits.isError && items.length === 0) {
    return <QueryError error={benefits.error} onRetry={() => benefits.refetch()} />;
  }
  return (
    <Stack gap="sm">
      {items.length === 0 ? (
        <Text c="dimmed" role="status">
          Льгот в каталоге пока нет.
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
          {items.map((benefit) => (
            <BenefitCard
              key={benefit.id}
              benefit={benefit}
              onEdit={onEdit && (() => onEdit(benefit))}
              // Only what is offered today can end today; the rest changes its dates instead.
              onEnd={onEdit && benefit.active ? () => setEnding(benefit) : undefined}
            />
          ))}
        </Stack>
      )}
      <ShowMore query={benefits} />
      <FormModal
        opened={ending !== null}
        onClose={() => setEnding(null)}
        title="Завершить льготу"
        size="md"
      >
        {ending && (
          <EndConfirm
            benefit={ending}
            onClose={() => setEnding(null)}
            onDone={(notice) => {
              setEnding(null);
              onEnded(notice);
            }}
          />
        )}
      </FormModal>
    </Stack>
  );
}

interface CardProps {
  benefit: Benefit;
  onEdit: (() => void) | undefined;
  onEnd: (() => void) | undefined;
}

function BenefitCard({ benefit, onEdit, onEnd }: CardProps) {
  const state = benefitState(benefit);
  return (
    <Card component="li" withBorder padding="sm" radius="md" aria-label={benefit.title}>
      <Stack gap={4}>
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <Text fw={500} style={{ overflowWrap: 'anywhere' }}>
            {benefit.title}
          </Text>
          <StatusBadge label={state.label} color={state.color} />
        </Group>
        <Group gap="xs">
          <StatusBadge
            label={benefitKindLabels[benefit.kind]}
            color={benefitKindColors[benefit.kind]}
          />
          <Text size="sm" c="dimmed">
            {benefitDates(benefit)}
          </Text>
        </Group>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          Предлагает: {benefit.orgName}
        </Text>
        <LongText label="Описание" text={benefit.description} />
        <LongText label="Условия" text={benefit.conditions} />
        {(onEdit || onEnd) && (
          <Group gap="xs" mt={4}>
            {onEdit && (
              <Button size="sm" variant="default" onClick={onEdit}>
                Изменить
              </Button>
            )}
            {onEnd && (
              <Button size="sm" variant="light" color="red" onClick={onEnd}>
                Завершить
              </Button>
            )}
          </Group>
        )}
      </Stack>
    </Card>
  );
}

/** A text people typed in several lines (a description, conditions, a request). */
export function LongText({ label, text }: { label: string; text: string | null }) {
  if (!text) return null;
  return (
    <Text size="sm" style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
      <Text span c="dimmed" inherit>
        {label}:
      </Text>{' '}
      {text}
    </Text>
  );
}

interface EndProps {
  benefit: Benefit;
  onClose: () => void;
  onDone: (notice: string) => void;
}

/** The question before ending: today is the last day; requests made before stay to decide. */
function EndConfirm({ benefit, onClose, onDone }: EndProps) {
  const end = useEndBenefit();
  return (
    <Stack gap="md">
      <Text size="sm">
        Льгота «{benefit.title}» будет действовать по сегодняшний день включительно, новых обращений
        по ней не будет. Поданные обращения останутся на рассмотрении.
      </Text>
      {end.isError && (
        <Alert color="red" role="alert" title="Не удалось завершить">
          {errorMessage(end.error)}
        </Alert>
      )}
      <Group>
        <Button
          color="red"
          loading={end.isPending}
          onClick={() =>
            end.mutate(benefit.id, {
              onSuccess: (ended) => onDone(`Льгота «${ended.title}» завершена.`),
            })
          }
        >
          Завершить
        </Button>
        <Button variant="default" onClick={onClose} disabled={end.isPending}>
          Отмена
        </Button>
      </Group>
    </Stack>
  );
}
