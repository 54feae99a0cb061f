import {
  type CellValue,
  type ReportStatus,
  reportStatuses,
  reportStatusLabels,
} from '@profreestr/contracts';
import type { ReportEvent } from '../api/reports';
import { StatusBadge } from '../components/status-badge';

export const REPORTS_TITLE = 'Отчёты';
export const REPORTS_PATH = '/reports';
export const CAMPAIGNS_TITLE = 'Отчётные кампании';
export const CAMPAIGNS_PATH = '/report-campaigns';
export const CONSOLIDATED_TITLE = 'Сводный отчёт';

/** Said to a caller without `report:read`. */
export const REPORTS_REFUSAL =
  'Статистические отчёты доступны председателям и сотрудникам организаций Профсоюза.';

export const REPORT_STATUSES = reportStatuses;

const STATUS_COLORS: Record<ReportStatus, string> = {
  draft: 'gray',
  submitted: 'blue',
  accepted: 'teal',
  // Back with the chairman: the one that asks for attention.
  returned: 'orange',
};

/** The colour of a status in the badges and the progress bars alike. */
export const statusColor = (status: ReportStatus) => STATUS_COLORS[status];

export const ReportStatusBadge = ({
  status,
  size = 'sm',
}: {
  status: ReportStatus;
  size?: string;
}) => <StatusBadge label={reportStatusLabels[status]} color={STATUS_COLORS[status]} size={size} />;

export const eventLabels: Record<ReportEvent['action'], string> = {
  created: 'Отчёт создан',
  saved: 'Сохранён черновик',
  submitted: 'Отчёт сдан',
  accepted: 'Отчёт принят',
  returned: 'Возвращён на доработку',
};

const numberFormat = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 6 });

/** A cell's value as people read it: numbers grouped «1 234,5», nothing as «—». */
export function formatCell(value: CellValue | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  return typeof value === 'number' ? numberFormat.format(value) : value;
}

/** `YYYY-01-01` of this year: the usual date of an annual report. */
export const startOfYear = (today = new Date()) => `${today.getFullYear()}-01-01`;
