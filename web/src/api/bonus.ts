import type { BonusStats } from '@profreestr/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, downloadUrl } from './client';

// PROFCARDS statistics by month and subtree (API.md part 2): purchases, their amount, the
// cashback, the participants, and the share of the subtree's members in the programme.

export interface BonusStatsParams {
  /** `YYYY-MM`, both ends included. */
  from: string;
  to: string;
  /** The org whose subtree is counted; the caller's own when absent. */
  under?: string | undefined;
}

const queryOf = ({ from, to, under }: BonusStatsParams) => {
  const query = new URLSearchParams({ from, to });
  if (under) query.set('under', under);
  return query.toString();
};

export const useBonusStats = (params: BonusStatsParams, enabled = true) =>
  useQuery({
    queryKey: ['bonus', 'stats', params.from, params.to, params.under ?? ''],
    enabled,
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => api<BonusStats>(`/bonus/stats?${queryOf(params)}`, { signal }),
  });

/** The same figures as a file (XLSX). */
export const bonusStatsFileUrl = (params: BonusStatsParams) =>
  downloadUrl('/bonus/stats/file', { from: params.from, to: params.to, under: params.under });
