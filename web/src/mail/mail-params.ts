import {
  type LetterKind,
  type LetterStatus,
  letterKinds,
  letterStatuses,
} from '@profreestr/contracts';
import { useSearchParams } from 'react-router';
import type { MailParams } from '../api/mail';

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
export function useMailParams() {
  const [params, setParams] = useSearchParams();
  const set = (changes: Partial<Record<MailFilterKey, string>>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );
  const clear = () => setParams({}, { replace: true });
  return { filters: readMailParams(params), set, clear };
}
