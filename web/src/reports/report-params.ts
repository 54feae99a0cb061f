import type { ReportStatus } from '@profreestr/contracts';
import { isOrgId } from '../api/orgs';
import type { ReportParams } from '../api/reports';
import { useUrlFilters } from '../components/use-url-filters';
import { REPORT_STATUSES } from './report-format';

export const REPORT_FILTER_KEYS = ['status', 'campaignId', 'under'] as const;
export type ReportFilterKey = (typeof REPORT_FILTER_KEYS)[number];

/** The filters as the URL holds them; a hand-edited value the API would refuse is dropped. */
export function readReportParams(params: URLSearchParams): ReportParams {
  const status = params.get('status') ?? '';
  const campaignId = params.get('campaignId') ?? undefined;
  const under = params.get('under') ?? undefined;
  return {
    status: (REPORT_STATUSES as readonly string[]).includes(status)
      ? (status as ReportStatus)
      : undefined,
    // Campaign ids are decimal strings like org ids.
    campaignId: isOrgId(campaignId) ? campaignId : undefined,
    under: isOrgId(under) ? under : undefined,
  };
}

/** The filters in the URL (back and reload keep them) and their setter. */
export const useReportParams = () => useUrlFilters<ReportFilterKey, ReportParams>(readReportParams);
