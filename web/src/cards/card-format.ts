import {
  type AnyCardBlockReason,
  type Card,
  type CardBatchStatus,
  type CardStatus,
  cardBlockReasonLabels,
  cardStatusLabels,
  formatCardNumber,
} from '@profreestr/contracts';
import { formatDate } from '../passport/field-model';

// How the e-card's carriers and batches read on screen.

/** «7700 0000 0000 0017»: the 16 digits in fours. */
export const cardNumberText = (cardNumber: string) =>
  formatCardNumber(cardNumber.replace(/\D/g, ''));

/** Delivered (waiting to be handed over) stands out; live carriers green; blocked red. */
export const cardStatusColors: Record<CardStatus, string> = {
  ordered: 'gray',
  produced: 'blue',
  delivered: 'orange',
  issued: 'teal',
  active: 'teal',
  blocked: 'red',
};

export const batchStatusColors: Record<CardBatchStatus, string> = {
  filling: 'blue',
  ordered: 'gray',
  produced: 'blue',
  delivered: 'teal',
};

export const blockReasonText = (reason: AnyCardBlockReason | null) =>
  reason ? cardBlockReasonLabels[reason] : null;

/** A blocked card is no longer a carrier; any other can still be used or handed over. */
export const isLiveCard = (card: Pick<Card, 'status'>) => card.status !== 'blocked';

/** «Заказана 01.02.2025», «Выдана 05.03.2025», … : each step the card went through, dated. */
export function cardSteps(card: Card): string[] {
  const steps: [CardStatus, string | null][] = [
    ['ordered', card.orderedOn],
    ['produced', card.producedOn],
    ['delivered', card.deliveredOn],
    ['issued', card.issuedOn],
  ];
  const lines = steps.flatMap(([status, on]) =>
    on ? [`${cardStatusLabels[status]} ${formatDate(on.slice(0, 10))}`] : [],
  );
  if (card.blockedOn) {
    const reason = blockReasonText(card.blockReason);
    lines.push(
      `${cardStatusLabels.blocked} ${formatDate(card.blockedOn.slice(0, 10))}${reason ? ` (${reason.toLocaleLowerCase('ru-RU')})` : ''}`,
    );
  }
  return lines;
}
