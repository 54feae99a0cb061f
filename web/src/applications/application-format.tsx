import {
  type Application,
  type ApplicationStatus,
  applicationStatusLabels,
} from '@profreestr/contracts';
import { StatusBadge } from '../components/status-badge';

export const APPLICATIONS_TITLE = 'Заявления';
export const APPLICATIONS_PATH = '/applications';

/** Said to a caller without `application:read`. */
export const APPLICATIONS_REFUSAL =
  'Заявления о вступлении доступны председателям и сотрудникам организаций Профсоюза.';

const STATUS_COLORS: Record<ApplicationStatus, string> = {
  unconfirmed: 'gray',
  // Waiting for the chairman: the one that asks for attention.
  submitted: 'blue',
  accepted: 'teal',
  rejected: 'red',
  expired: 'gray',
};

export const ApplicationStatusBadge = ({
  status,
  size = 'sm',
}: {
  status: ApplicationStatus;
  size?: string;
}) => (
  <StatusBadge label={applicationStatusLabels[status]} color={STATUS_COLORS[status]} size={size} />
);

/** «Иванова Анна Петровна». */
export const applicantName = (a: Pick<Application, 'lastName' | 'firstName' | 'middleName'>) =>
  [a.lastName, a.firstName, a.middleName].filter(Boolean).join(' ');

/** When the application reached the chairman: confirmed by the code, or made (older data). */
export const submittedAt = (a: Pick<Application, 'confirmedAt' | 'createdAt'>) =>
  a.confirmedAt ?? a.createdAt;
