import { Alert, Button, Checkbox, Group, Radio, Stack, Text } from '@mantine/core';
import {
  type Card,
  type CardBlockReason,
  cardBlockReasonLabels,
  cardBlockReasons,
  cardKindLabels,
} from '@profreestr/contracts';
import { type FormEvent, useState } from 'react';
import { useBlockCard } from '../api/cards';
import { FormModal } from '../components/form-modal';
import { useUnsavedChanges } from '../components/unsaved-changes';
import { FORM_ERRORS_NONE, type FormErrors, formErrors } from '../passport/api-errors';

const TITLE = 'Заблокировать карту';
const KEYS = ['reason', 'reissue'];

interface BlockCardModalProps {
  memberId: string;
  /** The card to block; null keeps the dialog closed. */
  card: Card | null;
  onClose: () => void;
  /** Said on the page once the card is blocked. */
  onDone: (notice: string) => void;
}

/** Why the card is blocked and whether a new plastic card is ordered in its place. */
export function BlockCardModal({ memberId, card, onClose, onDone }: BlockCardModalProps) {
  return (
    <FormModal opened={card !== null} onClose={onClose} title={TITLE} size="md">
      {card && (
        <BlockCardForm
          key={card.id}
          memberId={memberId}
          card={card}
          onClose={onClose}
          onDone={(notice) => {
            onClose();
            onDone(notice);
          }}
        />
      )}
    </FormModal>
  );
}

interface FormProps {
  memberId: string;
  card: Card;
  onClose: () => void;
  onDone: (notice: string) => void;
}

function BlockCardForm({ memberId, card, onClose, onDone }: FormProps) {
  const [reason, setReason] = useState<CardBlockReason | ''>('');
  const [reissue, setReissue] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(FORM_ERRORS_NONE);
  const block = useBlockCard(memberId);
  const leave = useUnsavedChanges(reason !== '' || reissue);
  // A new plastic card is ordered in place of a plastic one; a virtual card has no such thing.
  const plastic = card.kind === 'plastic';

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!reason) {
      setErrors({ fields: { reason: 'Выберите причину' }, general: null });
      return;
    }
    block.mutate(
      { cardId: card.id, reason, reissue: plastic && reissue },
      {
        onSuccess: () =>
          onDone(
            plastic && reissue
              ? 'Карта заблокирована, новая пластиковая карта заказана.'
              : 'Карта заблокирована.',
          ),
        onError: (error) => setErrors(formErrors(error, '', KEYS)),
      },
    );
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Блокировка карты">
      <Stack gap="md">
        <Text size="sm">
          {cardKindLabels[card.kind]} перестанет действовать: партнёры PROFCARDS не примут её. Номер
          билета остаётся за членом Профсоюза.
        </Text>
        {errors.general && (
          <Alert color="red" role="alert" title="Не удалось заблокировать">
            {errors.general}
          </Alert>
        )}
        <Radio.Group
          label="Причина"
          required
          value={reason}
          error={errors.fields.reason || undefined}
          onChange={(value) => {
            setReason(value as CardBlockReason);
            setErrors(FORM_ERRORS_NONE);
          }}
        >
          <Stack gap="xs" mt="xs">
            {cardBlockReasons.map((value) => (
              <Radio key={value} value={value} label={cardBlockReasonLabels[value]} />
            ))}
          </Stack>
        </Radio.Group>
        {plastic && (
          <Checkbox
            label="Перевыпустить пластиковую карту"
            description="Будет заказана новая карта с тем же номером"
            checked={reissue}
            error={errors.fields.reissue || undefined}
            onChange={(event) => setReissue(event.currentTarget.checked)}
          />
        )}
        <Group>
          <Button type="submit" color="red" loading={block.isPending}>
            Заблокировать
          </Button>
          <Button variant="default" onClick={() => leave(onClose)} disabled={block.isPending}>
            Отмена
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
