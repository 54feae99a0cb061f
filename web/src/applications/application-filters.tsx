import { applicationStatusLabels } from '@profreestr/contracts';
import type { ApplicationParams } from '../api/applications';
import { StatusUnderFilters } from '../orgs/status-under-filters';
import { type ApplicationFilterKey, LIST_STATUSES } from './application-params';

const STATUS_OPTIONS = [
  { value: '', label: 'Все' },
  ...LIST_STATUSES.map((value) => ({ value, label: applicationStatusLabels[value] })),
];

interface ApplicationFiltersProps {
  filters: ApplicationParams;
  set: (changes: Partial<Record<ApplicationFilterKey, string>>) => void;
  clear: () => void;
}

/** The state, and an org of the caller's subtree. */
export const ApplicationFilters = (props: ApplicationFiltersProps) => (
  <StatusUnderFilters statusLabel="Состояние" statusOptions={STATUS_OPTIONS} {...props} />
);
