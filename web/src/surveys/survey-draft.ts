import {
  definitionProblems,
  type QuestionType,
  type Survey,
  type SurveyKind,
  type SurveyQuestion,
} from '@profreestr/contracts';
import { isApiError } from '../api/client';
import { errorMessage } from '../components/query-state';
import { fromLocalInput, toLocalInput } from './survey-format';

// The builder's state and its way to the API: questions as edited (their codes kept, or made
// up as q1, q2…), checked with the contract's own rules; errors keyed by the request's paths.

export interface DraftQuestion {
  code: string;
  text: string;
  type: QuestionType;
  options: string[];
  min: number | '';
  max: number | '';
  required: boolean;
  /** A test's right answer: an option, the options, a mark; null for none. */
  correct: string | string[] | number | null;
}

/** Messages by path: `title`, `audience`, `closesAt`, `questions`, `questions.2.options`… */
export type FieldErrors = Record<string, string>;

/** A free code: q1, q2… not taken by any question yet. */
export function freeCode(questions: readonly DraftQuestion[]): string {
  const taken = new Set(questions.map((q) => q.code));
  let n = questions.length + 1;
  while (taken.has(`q${n}`)) n += 1;
  return `q${n}`;
}

export const newQuestion = (questions: readonly DraftQuestion[]): DraftQuestion => ({
  code: freeCode(questions),
  text: '',
  type: 'single',
  options: ['', ''],
  min: 1,
  max: 5,
  required: true,
  correct: null,
});

export const draftOf = (q: SurveyQuestion): DraftQuestion => ({
  code: q.code,
  text: q.text,
  type: q.type,
  options: q.options ?? [],
  min: q.min ?? 1,
  max: q.max ?? 5,
  required: q.required !== false,
  correct: q.correct ?? null,
});

/** The question as the API takes it: only what its type (and a test) holds. */
export function questionOf(q: DraftQuestion, kind: SurveyKind): SurveyQuestion {
  const choice = q.type === 'single' || q.type === 'multiple';
  const out: SurveyQuestion = { code: q.code, text: q.text.trim(), type: q.type };
  if (choice) out.options = q.options.map((o) => o.trim());
  if (q.type === 'scale') {
    if (q.min !== '') out.min = q.min;
    if (q.max !== '') out.max = q.max;
  }
  if (!q.required) out.required = false;
  if (kind === 'test' && q.type !== 'text' && q.correct !== null) {
    const correct = q.correct;
    const kept =
      q.type === 'multiple' && Array.isArray(correct)
        ? correct.filter((c) => q.options.includes(c))
        : correct;
    if (!(Array.isArray(kept) && kept.length === 0)) out.correct = kept;
  }
  return out;
}

/** The input an error path belongs to: `questions.0.options.2` → `questions.0.options`. */
export function fieldOf(path: string): string {
  const parts = path.split('.');
  if (parts[0] === 'questions' && parts.length >= 3) return parts.slice(0, 3).join('.');
  if (parts[0] === 'audience') return 'audience';
  return parts[0] ?? path;
}

/** What the browser can tell before sending: the contract's rules and the empty fields. */
export function checkDraft(d: {
  title: string;
  kind: SurveyKind;
  audienceChosen: boolean;
  opensAt: string;
  closesAt: string;
  questions: readonly DraftQuestion[];
}): FieldErrors {
  const errors: FieldErrors = {};
  const add = (path: string, message: string) => {
    errors[fieldOf(path)] ??= message;
  };
  if (!d.title.trim()) add('title', 'Укажите название');
  if (!d.audienceChosen) add('audience', 'Выберите организацию');
  if (!fromLocalInput(d.opensAt)) add('opensAt', 'Укажите время начала');
  if (!fromLocalInput(d.closesAt)) add('closesAt', 'Укажите время окончания');
  if (d.questions.length === 0) add('questions', 'Добавьте хотя бы один вопрос');
  d.questions.forEach((q, i) => {
    if (!q.text.trim()) add(`questions.${i}.text`, 'Напишите текст вопроса');
    if ((q.type === 'single' || q.type === 'multiple') && q.options.some((o) => !o.trim())) {
      add(`questions.${i}.options`, 'Вариант ответа не может быть пустым');
    }
  });
  const problems = definitionProblems({
    kind: d.kind,
    questions: d.questions.map((q) => questionOf(q, d.kind)),
    opensAt: fromLocalInput(d.opensAt) || undefined,
    closesAt: fromLocalInput(d.closesAt) || undefined,
  });
  for (const { field, message } of problems) add(field, message);
  return errors;
}

/** The server's refusal at the inputs; `general` is what no input shows. */
export function serverErrors(error: unknown): { fields: FieldErrors; general: string | null } {
  if (!isApiError(error)) return { fields: {}, general: errorMessage(error) };
  if (error.status === 404 && /орган/i.test(error.message)) {
    return { fields: { audience: error.message }, general: null };
  }
  const fields: FieldErrors = {};
  for (const { field, message } of error.details) {
    if (field) fields[fieldOf(field)] ??= message;
  }
  return {
    fields,
    general: Object.keys(fields).length > 0 ? 'Проверьте выделенные поля.' : error.message,
  };
}

export const localTimes = (survey: Pick<Survey, 'opensAt' | 'closesAt'> | null) => ({
  opensAt: survey ? toLocalInput(survey.opensAt) : '',
  closesAt: survey ? toLocalInput(survey.closesAt) : '',
});
