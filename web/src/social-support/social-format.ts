import {
  type AidRequestStatus,
  type Benefit,
  type BenefitKind,
  isoToRu,
  todayIso,
} from '@profreestr/contracts';

// How the catalogue and the requests read: a benefit's state and dates, a request's colours,
// and the contract's validation issues as the messages under a form's inputs.

export const BENEFITS_TITLE = 'Льготы';
export const AID_REQUESTS_TITLE = 'Обращения за помощью';
export const AID_TOTALS_TITLE = 'Назначенная помощь';
export const CABINET_BENEFITS_TITLE = 'Льготы и помощь';

export const aidStatusColors: Record<AidRequestStatus, string> = {
  submitted: 'yellow',
  approved: 'teal',
  rejected: 'red',
};

export const benefitKindColors: Record<BenefitKind, string> = {
  payment: 'blue',
  voucher: 'grape',
  service: 'cyan',
  discount: 'orange',
};

/** «с 01.03.2025 по 31.12.2025» or «с 01.03.2025, без срока окончания». */
export const benefitDates = (benefit: Pick<Benefit, 'activeFrom' | 'activeTo'>) =>
  benefit.activeTo
    ? `с ${isoToRu(benefit.activeFrom)} по ${isoToRu(benefit.activeTo)}`
    : `с ${isoToRu(benefit.activeFrom)}, без срока окончания`;

/**
 * The benefit's state as a badge: the server's `active` says whether it is offered today; one
 * not offered is either still to begin or over (its dates tell which).
 */
export function benefitState(benefit: Benefit, today = todayIso()) {
  if (benefit.active) return { label: 'Действует', color: 'teal' };
  if (benefit.activeFrom > today) {
    return { label: `Начнёт действовать ${isoToRu(benefit.activeFrom)}`, color: 'blue' };
  }
  return { label: 'Завершена', color: 'gray' };
}

/** Each issue of the contract's schema under its input (the first one per field). */
export function issueFields(error: {
  issues: readonly { path: readonly PropertyKey[]; message: string }[];
}): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? '');
    if (!fields[key]) fields[key] = issue.message;
  }
  return fields;
}
