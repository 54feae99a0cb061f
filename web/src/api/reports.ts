import type {
  Campaign,
  CampaignInput,
  Consolidated,
  OrgLevel,
  Progress,
  Report,
  ReportForm,
  ReportStatus,
  ReportValues,
} from '@profreestr/contracts';
import {
  keepPreviousData,
  type QueryClient,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { api, downloadUrl, isApiError } from './client';
import type { Page } from './orgs';

// Statistical reports, forms 2 СП – 5 СП: the forms' definitions, the campaigns that open one
// report per org (their progress, drill-down, who has not reported, the consolidated sums), and
// the reports themselves (filling in with autosave, submitting, accepting, returning).
// Only types come from the contracts here.

export const REPORTS_PAGE_SIZE = 20;
export const CAMPAIGNS_PAGE_SIZE = 20;
export const MISSING_PAGE_SIZE = 50;
/** How often a campaign whose reports are still being created is asked again. */
export const CAMPAIGN_POLL_MS = 2000;

export type FileFormat = 'xlsx' | 'pdf';

export interface ReportFormSummary {
  code: string;
  version: number;
  title: string;
  orgLevel: OrgLevel;
}

export interface ReportListItem {
  id: string;
  campaignId: string;
  orgId: string;
  orgName: string;
  formCode: string;
  asOf: string;
  deadline: string;
  status: ReportStatus;
  updatedAt: string;
}

export interface ReportParams {
  campaignId?: string | undefined;
  /** The org whose subtree is listed; the caller's own when absent. */
  under?: string | undefined;
  status?: ReportStatus | undefined;
}

export interface ProgressChild extends Progress {
  orgId: string;
  name: string;
  level: OrgLevel;
}

export interface MissingReport {
  reportId: string;
  orgId: string;
  orgName: string;
  status: ReportStatus;
  chairman: string | null;
  reachable: boolean;
}

export interface ReportEvent {
  at: string;
  action: 'created' | 'saved' | 'submitted' | 'accepted' | 'returned';
  by: string | null;
  comment: string | null;
}

const FORMS_KEY = ['report-forms'] as const;
const CAMPAIGNS_KEY = ['report-campaigns'] as const;
const CAMPAIGN_LISTS_KEY = [...CAMPAIGNS_KEY, 'list'] as const;
export const campaignKey = (id: string) => [...CAMPAIGNS_KEY, 'one', id] as const;
/** Progress, children, the missing and the sums of a campaign: stale after any decision. */
const campaignDataKey = (id: string) => [...CAMPAIGNS_KEY, 'data', id] as const;
const REPORTS_KEY = ['reports'] as const;
const REPORT_LISTS_KEY = [...REPORTS_KEY, 'list'] as const;
export const reportKey = (id: string) => [...REPORTS_KEY, 'one', id] as const;
const historyKey = (id: string) => [...REPORTS_KEY, 'history', id] as const;

export const reportPath = (id: string) => `/reports/${id}`;
export const campaignPath = (id: string, under?: string) =>
  `/report-campaigns/${id}${under ? `?under=${under}` : ''}`;
export const consolidatedPath = (id: string, orgId?: string) =>
  `/report-campaigns/${id}/consolidated${orgId ? `?orgId=${orgId}` : ''}`;

/** The query of a request: empty values are left out. */
const queryOf = (params: Record<string, string | null | undefined>) => {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
  const text = query.toString();
  return text ? `?${text}` : '';
};

// --- forms -----------------------------------------------------------------------------------

export const useReportForms = (enabled = true) =>
  useQuery({
    queryKey: FORMS_KEY,
    enabled,
    staleTime: 5 * 60_000,
    queryFn: ({ signal }) => api<{ items: ReportFormSummary[] }>('/report-forms', { signal }),
  });

/** A form's definition; a version once published never changes, so it is kept. */
export const useReportForm = (code: string | undefined, version: number | undefined) =>
  useQuery({
    queryKey: [...FORMS_KEY, code ?? '', version ?? 0],
    enabled: Boolean(code),
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: ({ signal }) =>
      api<ReportForm>(
        `/report-forms/${code}${queryOf({ version: version ? String(version) : null })}`,
        { signal },
      ),
  });

// --- campaigns -------------------------------------------------------------------------------

export const isCampaignCreating = (campaign: Pick<Campaign, 'status'> | undefined) =>
  campaign?.status === 'creating';

/** Campaigns of the caller's subtree (or of `under`), newest first. */
export const useCampaigns = (under?: string) =>
  useInfiniteQuery({
    queryKey: [...CAMPAIGN_LISTS_KEY, under ?? ''],
    initialPageParam: null as string | null,
    getNextPageParam: (last: Page<Campaign>) => last.nextCursor,
    queryFn: ({ pageParam, signal }) =>
      api<Page<Campaign>>(
        `/report-campaigns${queryOf({ limit: String(CAMPAIGNS_PAGE_SIZE), under, cursor: pageParam })}`,
        { signal },
      ),
  });

/** One campaign; while its reports are being created it is asked every 2 s. */
export function useCampaign(id: string) {
  const query = useQuery({
    queryKey: campaignKey(id),
    queryFn: ({ signal }) => api<Campaign>(`/report-campaigns/${id}`, { signal }),
    refetchInterval: (q) => (isCampaignCreating(q.state.data) ? CAMPAIGN_POLL_MS : false),
  });
  useRefreshOnOpen(id, query.data);
  return query;
}

/** Once a watched campaign is open, the lists show it so and its reports are counted anew. */
function useRefreshOnOpen(id: string, campaign: Campaign | undefined) {
  const queryClient = useQueryClient();
  const wasCreating = useRef(false);
  const creating = isCampaignCreating(campaign);
  useEffect(() => {
    if (wasCreating.current && !creating) {
      void queryClient.invalidateQueries({ queryKey: CAMPAIGN_LISTS_KEY });
      void queryClient.invalidateQueries({ queryKey: campaignDataKey(id) });
      void queryClient.invalidateQueries({ queryKey: REPORT_LISTS_KEY });
    }
    wasCreating.current = creating;
  }, [creating, queryClient, id]);
}

/** `POST /report-campaigns`: 201 `{ id }`; the reports are then created by a job. */
export function useCreateCampaign() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CampaignInput) =>
      api<{ id: string }>('/report-campaigns', { method: 'POST', body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: CAMPAIGN_LISTS_KEY });
      void queryClient.invalidateQueries({ queryKey: REPORT_LISTS_KEY });
    },
  });
}

export const useCampaignProgress = (id: string, under: string, enabled = true) =>
  useQuery({
    queryKey: [...campaignDataKey(id), 'progress', under],
    enabled,
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) =>
      api<Progress>(`/report-campaigns/${id}/progress${queryOf({ under })}`, { signal }),
  });

/** The drill-down: each child of `under` with its subtree's reports by status. */
export const useCampaignChildren = (id: string, under: string, enabled = true) =>
  useQuery({
    queryKey: [...campaignDataKey(id), 'children', under],
    enabled,
    queryFn: ({ signal }) =>
      api<{ items: ProgressChild[] }>(
        `/report-campaigns/${id}/progress/children${queryOf({ under })}`,
        { signal },
      ),
  });

/** «Кто не отчитался»: reports still in draft or returned, with their chairmen. */
export const useMissingReports = (id: string, under: string, enabled = true) =>
  useInfiniteQuery({
    queryKey: [...campaignDataKey(id), 'missing', under],
    enabled,
    initialPageParam: null as string | null,
    getNextPageParam: (last: Page<MissingReport>) => last.nextCursor,
    queryFn: ({ pageParam, signal }) =>
      api<Page<MissingReport>>(
        `/report-campaigns/${id}/missing${queryOf({ limit: String(MISSING_PAGE_SIZE), under, cursor: pageParam })}`,
        { signal },
      ),
  });

/** A reminder letter to the chairmen of those who have not reported: `{ queued }`. */
export const useRemind = (id: string) =>
  useMutation({
    mutationFn: (body: { under?: string }) =>
      api<{ queued: number }>(`/report-campaigns/${id}/remind`, { method: 'POST', body }),
  });

/** The sums of the accepted reports in the org's subtree, beside the register's. */
export const useConsolidated = (id: string, orgId: string | undefined, enabled = true) =>
  useQuery({
    queryKey: [...campaignDataKey(id), 'consolidated', orgId ?? ''],
    enabled,
    queryFn: ({ signal }) =>
      api<Consolidated>(`/report-campaigns/${id}/consolidated${queryOf({ orgId })}`, { signal }),
  });

export const consolidatedFileUrl = (id: string, orgId: string | undefined, format: FileFormat) =>
  downloadUrl(`/report-campaigns/${id}/consolidated/file`, { orgId, format });

/** Every report of the campaign under `under`, a row each (XLSX). */
export const campaignTableUrl = (id: string, under: string | undefined) =>
  downloadUrl(`/report-campaigns/${id}/table`, { under });

// --- reports ---------------------------------------------------------------------------------

/** Reports of the subtree by campaign and status, keyset-paged. */
export const useReports = (params: ReportParams) =>
  useInfiniteQuery({
    queryKey: [
      ...REPORT_LISTS_KEY,
      params.campaignId ?? '',
      params.under ?? '',
      params.status ?? 'all',
    ],
    placeholderData: keepPreviousData,
    initialPageParam: null as string | null,
    getNextPageParam: (last: Page<ReportListItem>) => last.nextCursor,
    queryFn: ({ pageParam, signal }) =>
      api<Page<ReportListItem>>(
        `/reports${queryOf({
          limit: String(REPORTS_PAGE_SIZE),
          campaignId: params.campaignId,
          under: params.under,
          status: params.status,
          cursor: pageParam,
        })}`,
        { signal },
      ),
  });

export const useReport = (id: string) =>
  useQuery({
    queryKey: reportKey(id),
    queryFn: ({ signal }) => api<Report>(`/reports/${id}`, { signal }),
  });

export const useReportHistory = (id: string) =>
  useQuery({
    queryKey: historyKey(id),
    queryFn: ({ signal }) => api<{ items: ReportEvent[] }>(`/reports/${id}/history`, { signal }),
  });

export const reportFileUrl = (id: string, format: FileFormat) =>
  downloadUrl(`/reports/${id}/file`, { format });

/**
 * `PATCH /reports/:id { values }` with the changed cells: the answer (formulas, rule failures,
 * discrepancies as saved) goes into the cache. A plain function, so a save sent as the page
 * closes still lands.
 */
export async function saveReportValues(
  queryClient: QueryClient,
  id: string,
  values: ReportValues,
): Promise<Report> {
  const report = await api<Report>(`/reports/${id}`, { method: 'PATCH', body: { values } });
  queryClient.setQueryData(reportKey(id), report);
  // The history gains «сохранён»: asked again when next shown, not on every keystroke.
  void queryClient.invalidateQueries({ queryKey: historyKey(id), refetchType: 'none' });
  void queryClient.invalidateQueries({ queryKey: REPORT_LISTS_KEY, refetchType: 'none' });
  return report;
}

/** After a change of status: the report, its history, the lists and its campaign's counts. */
function refreshReport(queryClient: QueryClient, id: string, report?: Report) {
  if (report) queryClient.setQueryData(reportKey(id), report);
  else void queryClient.invalidateQueries({ queryKey: reportKey(id) });
  void queryClient.invalidateQueries({ queryKey: historyKey(id) });
  void queryClient.invalidateQueries({ queryKey: REPORT_LISTS_KEY });
  void queryClient.invalidateQueries({ queryKey: [...CAMPAIGNS_KEY, 'data'] });
}

/** A status change of the report: 409 (changed meanwhile) and 422 show how it is now. */
function useReportAction<Body>(id: string, action: 'submit' | 'accept' | 'return') {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Body) =>
      api<Report>(`/reports/${id}/${action}`, {
        method: 'POST',
        ...(body === undefined ? {} : { body }),
      }),
    onSuccess: (report) => refreshReport(queryClient, id, report),
    onError: (error) => {
      if (isApiError(error, 409) || isApiError(error, 422)) refreshReport(queryClient, id);
    },
  });
}

/** «Сдать отчёт»: 422 `invalid` names the failing error rules in `details`. */
export const useSubmitReport = (id: string) => useReportAction<void>(id, 'submit');
export const useAcceptReport = (id: string) => useReportAction<void>(id, 'accept');
/** «Вернуть на доработку» with what to fix; the chairman gets a letter. */
export const useReturnReport = (id: string) => useReportAction<{ comment: string }>(id, 'return');
