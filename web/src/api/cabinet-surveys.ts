import type { AssignedSurvey } from '@profreestr/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CABINET_KEY, cabinetApi } from './cabinet';
import type { Page } from './orgs';
import { ASSIGNED_PAGE_SIZE, type SurveyScore } from './surveys';

// «Опросы и тесты» in the member's cabinet: what the member is invited to, and the answer.

const surveysKey = [...CABINET_KEY, 'surveys'] as const;

/** `GET /cabinet/surveys`: open, upcoming and closed, each marked answered or not. */
export const useCabinetSurveys = () =>
  useQuery({
    queryKey: surveysKey,
    queryFn: ({ signal }) =>
      cabinetApi<Page<AssignedSurvey>>(`/surveys?limit=${ASSIGNED_PAGE_SIZE}`, { signal }),
  });

/** `GET /cabinet/surveys/:id`: one the member is invited to (404 when not); under the list's key,
 * so an answer refreshes it too. */
export const useCabinetSurvey = (id: string) =>
  useQuery({
    queryKey: [...surveysKey, 'one', id],
    queryFn: ({ signal }) =>
      cabinetApi<AssignedSurvey>(`/surveys/${encodeURIComponent(id)}`, { signal }),
  });

/** `POST /cabinet/surveys/:id/responses { answers }` (once) → `201 { score, max }`. */
export function useAnswerCabinetSurvey(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (answers: Record<string, string | string[] | number>) =>
      cabinetApi<SurveyScore>(`/surveys/${id}/responses`, { method: 'POST', body: { answers } }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: surveysKey }),
  });
}
