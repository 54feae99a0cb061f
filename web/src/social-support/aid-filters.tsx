import {
  type AidRequestStatus,
  aidRequestStatuses,
  aidRequestStatusLabels,
} from '@profreestr/contracts';
import type { AidRequestParams } from '../api/aid-requests';
import { isOrgId } from '../api/orgs';
import { useUrlFilters } from '../components/use-url-filters';
import { StatusUnderFilters } from '../orgs/status-under-filters';

type AidFilterKey = 'status' | 'under';

const STATUS_OPTIONS = [
  { value: '', label: 'Все' },
  ...aidRequestStatuses.map((value) => ({ value, label: aidRequestStatusLabels[value] })),
];

/** The filters as the URL holds them; a hand-edited value the API would refuse is dropped. */
export function readAidParams(params: URLSearchParams): AidRequestParams {
  const status = params.get('status') ?? '';
  const under = params.get('under') ?? undefined;
  return {
    status: (aidRequestStatuses as readonly string[]).includes(status)
      ? (status as AidRequestStatus)
      : undefined,
    under: isOrgId(under) ? under : undefined,
  };
}

/** The queue's filters in the URL (back and reload keep them) and their setter. */
export const useAidParams = () => useUrlFilters<AidFilterKey, AidRequestParams>(readAidParams);

interface AidFiltersProps {
  filters: AidRequestParams;
  set: (changes: Partial<Record<AidFilterKey, string>>) => void;
  clear: () => void;
}

/** The status, and an org of the caller's subtree. */
export const AidFilters = (props: AidFiltersProps) => (
  <StatusUnderFilters statusLabel="Статус" statusOptions={STATUS_OPTIONS} {...props} />
);
