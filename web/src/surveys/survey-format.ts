import type { SurveyState, SurveyStatus } from '@profreestr/contracts';
import { isApiError } from '../api/client';
import { formatDateTime } from '../format';

// Words and paths of surveys and tests, alike on every page.

export const SURVEYS_PATH = '/surveys';
export const SURVEYS_TITLE = 'Опросы и тесты';
export const ASSIGNED_PATH = '/surveys/assigned';
export const ASSIGNED_TITLE = 'Опросы для председателя';
export const CABINET_SURVEYS_PATH = '/cabinet/surveys';
export const CABINET_SURVEYS_TITLE = 'Опросы и тесты';
export const surveyPath = (id: string) => `${SURVEYS_PATH}/${id}`;
export const resultsPath = (id: string) => `${SURVEYS_PATH}/${id}/results`;

export const stateLabels: Record<SurveyState, string> = {
  draft: 'Черновик',
  upcoming: 'Ещё не начался',
  open: 'Идёт',
  closed: 'Завершён',
};
export const stateColors: Record<SurveyState, string> = {
  draft: 'gray',
  upcoming: 'yellow',
  open: 'green',
  closed: 'dark',
};
export const statusLabels: Record<SurveyStatus, string> = {
  draft: 'Черновик',
  publishing: 'Публикуется',
  published: 'Опубликован',
};

/** «с 05.03.2025, 09:00 по 12.03.2025, 18:00». */
export const windowText = (opensAt: string, closesAt: string) =>
  `с ${formatDateTime(opensAt)} по ${formatDateTime(closesAt)}`;

export const ALREADY_ANSWERED = 'Вы уже ответили на этот опрос. Ответ можно дать только один раз.';

/**
 * A refused answer in words: a second response, or a closed (or not yet open) window — both
 * `409`; the server's message says which, ours is for when it says nothing useful.
 */
export function answerRefusal(error: unknown): string | null {
  if (!isApiError(error, 409)) return null;
  if (/уже/i.test(error.message)) return ALREADY_ANSWERED;
  return error.message || 'Опрос сейчас не принимает ответы.';
}

/** An ISO instant as the value of `<input type="datetime-local">` (the browser's time). */
export function toLocalInput(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(
    date.getHours(),
  )}:${pad(date.getMinutes())}`;
}

/** Back: the browser's local time as an ISO instant; '' when not a time. */
export function fromLocalInput(value: string): string {
  const date = new Date(value);
  return value && !Number.isNaN(date.getTime()) ? date.toISOString() : '';
}
