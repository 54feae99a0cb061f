import type {
  AssignedSurvey,
  Survey,
  SurveyCreate,
  SurveyListItem,
  SurveyPatch,
  SurveyResultChild,
  SurveyResults,
} from '@profreestr/contracts';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { API_BASE, api } from './client';
import type { Page } from './orgs';

// Surveys and tests (API.md, «Surveys and tests»): the staff's definitions, publishing and
// reminders, the results by subtree; the chairman's own «Опросы» and his answer.

export const SURVEYS_PAGE_SIZE = 30;
export const ASSIGNED_PAGE_SIZE = 100;

const SURVEYS_KEY = ['surveys'] as const;
export const surveyKey = (id: string) => [...SURVEYS_KEY, 'one', id] as const;
const assignedKey = [...SURVEYS_KEY, 'assigned'] as const;

/** The answer to a response: a test's score right away (nulls for a survey). */
export interface SurveyScore {
  score: number | null;
  max: number | null;
}

/** A text answer of the results (its author only for a named survey, to who may see him). */
export interface SurveyTextAnswer {
  text: string;
  respondent: { kind: 'member' | 'chairman'; id: string; name: string } | null;
}

/** `GET /surveys`: the subtree's and those published for it from above, newest first. */
export const useSurveys = () =>
  useInfiniteQuery({
    queryKey: [...SURVEYS_KEY, 'list'],
    initialPageParam: null as string | null,
    getNextPageParam: (last: Page<SurveyListItem>) => last.nextCursor,
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams({ limit: String(SURVEYS_PAGE_SIZE) });
      if (pageParam) query.set('cursor', pageParam);
      return api<Page<SurveyListItem>>(`/surveys?${query}`, { signal });
    },
  });

/** `GET /surveys/:id`: the definition with its counts. */
export const useSurvey = (id: string) =>
  useQuery({
    queryKey: surveyKey(id),
    queryFn: ({ signal }) => api<Survey>(`/surveys/${id}`, { signal }),
    // While publishing resolves the audience, the counts grow: ask again until it is done.
    refetchInterval: (query) => (query.state.data?.status === 'publishing' ? 2000 : false),
  });

function useKeep() {
  const queryClient = useQueryClient();
  return (survey: Survey) => {
    queryClient.setQueryData(surveyKey(survey.id), survey);
    return queryClient.invalidateQueries({ queryKey: [...SURVEYS_KEY, 'list'] });
  };
}

/** `POST /surveys` → `201` the draft. */
export function useCreateSurvey() {
  const keep = useKeep();
  return useMutation({
    mutationFn: (body: SurveyCreate) => api<Survey>('/surveys', { method: 'POST', body }),
    onSuccess: keep,
  });
}

/** `PATCH /surveys/:id`: a draft whole, a published survey only its `closesAt`. */
export function useChangeSurvey(id: string) {
  const keep = useKeep();
  return useMutation({
    mutationFn: (body: SurveyPatch) => api<Survey>(`/surveys/${id}`, { method: 'PATCH', body }),
    onSuccess: keep,
  });
}

/** `POST /surveys/:id/publish` → `202`: the invited list made once, invitations queued. */
export function usePublishSurvey(id: string) {
  const keep = useKeep();
  return useMutation({
    mutationFn: () => api<Survey>(`/surveys/${id}/publish`, { method: 'POST' }),
    onSuccess: keep,
  });
}

/** `POST /surveys/:id/remind` → `202 { queued }`; `409` within 12 hours of the last. */
export function useRemindSurvey(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<{ queued: number }>(`/surveys/${id}/remind`, { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: surveyKey(id) }),
  });
}

/** `GET /surveys/:id/results?under=`. */
export const useSurveyResults = (id: string, under: string | undefined) =>
  useQuery({
    queryKey: [...surveyKey(id), 'results', under ?? ''],
    queryFn: ({ signal }) => {
      const query = new URLSearchParams();
      if (under) query.set('under', under);
      return api<SurveyResults>(`/surveys/${id}/results?${query}`, { signal });
    },
  });

/** `GET /surveys/:id/results/children?under=`: the orgs one level down, for the drill-down. */
export const useSurveyResultChildren = (id: string, under: string | undefined) =>
  useInfiniteQuery({
    queryKey: [...surveyKey(id), 'children', under ?? ''],
    initialPageParam: null as string | null,
    getNextPageParam: (last: Page<SurveyResultChild>) => last.nextCursor,
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams();
      if (under) query.set('under', under);
      if (pageParam) query.set('cursor', pageParam);
      return api<Page<SurveyResultChild>>(`/surveys/${id}/results/children?${query}`, {
        signal,
      });
    },
  });

/** `GET /surveys/:id/results/texts?question=&under=`: a question's text answers, shuffled. */
export const useSurveyTexts = (id: string, question: string, under: string | undefined) =>
  useInfiniteQuery({
    queryKey: [...surveyKey(id), 'texts', question, under ?? ''],
    initialPageParam: null as string | null,
    getNextPageParam: (last: Page<SurveyTextAnswer>) => last.nextCursor,
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams({ question, limit: '50' });
      if (under) query.set('under', under);
      if (pageParam) query.set('cursor', pageParam);
      return api<Page<SurveyTextAnswer> & { suppressed: boolean }>(
        `/surveys/${id}/results/texts?${query}`,
        { signal },
      );
    },
  });

/** The results as an XLSX file. */
export const surveyFileHref = (id: string, under: string | undefined) =>
  `${API_BASE}/surveys/${id}/results/file${under ? `?under=${encodeURIComponent(under)}` : ''}`;

/** `GET /surveys/assigned`: what the chairman of the user's org is asked. */
export const useAssignedSurveys = () =>
  useQuery({
    queryKey: assignedKey,
    queryFn: ({ signal }) =>
      api<Page<AssignedSurvey>>(`/surveys/assigned?limit=${ASSIGNED_PAGE_SIZE}`, { signal }),
  });

/** `GET /surveys/assigned/:id`: one the chairman is asked (404 when not); under the list's key,
 * so an answer refreshes it too. */
export const useAssignedSurvey = (id: string) =>
  useQuery({
    queryKey: [...assignedKey, 'one', id],
    queryFn: ({ signal }) =>
      api<AssignedSurvey>(`/surveys/assigned/${encodeURIComponent(id)}`, { signal }),
  });

/** `POST /surveys/:id/responses` (the chairman, once) → `201 { score, max }`. */
export function useAnswerAssigned(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (answers: Record<string, string | string[] | number>) =>
      api<SurveyScore>(`/surveys/${id}/responses`, { method: 'POST', body: { answers } }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: assignedKey }),
  });
}
