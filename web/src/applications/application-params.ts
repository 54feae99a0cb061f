import type { ApplicationListStatus, ApplicationParams } from '../api/applications';
import { isOrgId } from '../api/orgs';
import { useUrlFilters } from '../components/use-url-filters';

export const APPLICATION_FILTER_KEYS = ['status', 'under'] as const;
export type ApplicationFilterKey = (typeof APPLICATION_FILTER_KEYS)[number];

/** The statuses the list offers (the server lists submitted applications and later ones). */
export const LIST_STATUSES: readonly ApplicationListStatus[] = [
  'submitted',
  'accepted',
  'rejected',
];

/** The filters as the URL holds them; a hand-edited value the API would refuse is dropped. */
export function readApplicationParams(params: URLSearchParams): ApplicationParams {
  const status = params.get('status') ?? '';
  const under = params.get('under') ?? undefined;
  return {
    status: (LIST_STATUSES as readonly string[]).includes(status)
      ? (status as ApplicationListStatus)
      : undefined,
    under: isOrgId(under) ? under : undefined,
  };
}

/** The filters in the URL (back and reload keep them) and their setter. */
export const useApplicationParams = () =>
  useUrlFilters<ApplicationFilterKey, ApplicationParams>(readApplicationParams);
