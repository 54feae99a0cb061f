import {
  type LetterKind,
  type LetterStatus,
  letterKinds,
  letterStatuses,
} from '@profreestr/contracts';
import type { MailParams } from '../api/mail';
import { useUrlFilters } from '../components/use-url-filters';

export const MAIL_FILTER_KEYS = ['kind', 'status', 'to'] as const;
export type MailFilterKey = (typeof MAIL_FILTER_KEYS)[number];

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | undefined =>
  (values as readonly string[]).includes(value ?? '') ? (value as T) : undefined;

/** The filters as the URL holds them; a hand-edited value the API would refuse is dropped. */
export function readMailParams(params: URLSearchParams): MailParams {
  const to = params.get('to')?.trim().slice(0, 254) || undefined;
  return {
    kind: oneOf<LetterKind>(letterKinds, params.get('kind')),
    status: oneOf<LetterStatus>(letterStatuses, params.get('status')),
    to,
  };
}

/** The filters in the URL (back and reload keep them) and their setter. */
export const useMailParams = () =>
  useUrlFilters<MailFilterKey, ReturnType<typeof readMailParams>>(readMailParams);
