// The rules of surveys and tests without zod, so the web checks a survey and a respondent's
// answers exactly as the API does: what a definition may hold, which answers count (and how
// they are normalised), a test's score, and what each response adds to the maintained counts.

export const surveyKinds = ['survey', 'test'] as const;
export type SurveyKind = (typeof surveyKinds)[number];
export const surveyKindLabels: Record<SurveyKind, string> = { survey: 'Опрос', test: 'Тест' };

export const questionTypes = ['single', 'multiple', 'text', 'scale'] as const;
export type QuestionType = (typeof questionTypes)[number];
export const questionTypeLabels: Record<QuestionType, string> = {
  single: 'Один вариант',
  multiple: 'Несколько вариантов',
  text: 'Ответ текстом',
  scale: 'Шкала',
};

/** A question code: what answers and results are keyed by. */
export const QUESTION_CODE_PATTERN = /^[a-z][a-z0-9_]{0,31}$/;
export const QUESTION_CODE_MESSAGE =
  'Код вопроса: латинские строчные буквы, цифры и «_», начиная с буквы, до 32 знаков';
/** The widest scale: from −100 to 100, at most 100 steps. */
export const SCALE_LIMIT = 100;
export const MAX_TEXT_ANSWER = 5000;

export interface SurveyQuestion {
  code: string;
  text: string;
  type: QuestionType;
  /** single and multiple: the answers offered (their labels are what answers and counts name). */
  options?: string[] | undefined;
  /** scale: the lowest and highest marks. */
  min?: number | undefined;
  max?: number | undefined;
  /** Default true: an answer must be given. */
  required?: boolean | undefined;
  /** A test's right answer: an option, the set of options, or the mark. */
  correct?: string | string[] | number | undefined;
  /** Points for a right answer (default 1). */
  points?: number | undefined;
}

/** A public view of a question: what a respondent sees (no right answers). */
export type PublicQuestion = Omit<SurveyQuestion, 'correct' | 'points'>;

export type AnswerValue = string | string[] | number | null;
/** Answers as stored: only the questions answered, each value normalised. */
export type NormalizedAnswers = Record<string, string | string[] | number>;

export interface RuleProblem {
  field: string;
  message: string;
}

const isScored = (q: SurveyQuestion) => q.correct !== undefined;

/** What is wrong with a survey's definition (paths as in the request body), or nothing. */
export function definitionProblems(survey: {
  kind: SurveyKind;
  questions: readonly SurveyQuestion[];
  opensAt?: string | undefined;
  closesAt?: string | undefined;
}): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const seen = new Set<string>();
  survey.questions.forEach((q, i) => {
    const at = (key: string) => `questions.${i}.${key}`;
    const add = (key: string, message: string) => problems.push({ field: at(key), message });
    if (seen.has(q.code)) add('code', `Код вопроса повторяется: «${q.code}»`);
    seen.add(q.code);
    const options = q.options ?? [];
    const choice = q.type === 'single' || q.type === 'multiple';
    if (choice) {
      if (options.length < 2) add('options', 'Дайте не меньше двух вариантов ответа');
      const repeated = options.find((o, k) => options.indexOf(o) !== k);
      if (repeated !== undefined) add('options', `Вариант ответа повторяется: «${repeated}»`);
    } else if (options.length > 0) {
      add('options', 'Варианты ответа бывают только у вопросов с выбором');
    }
    if (q.type === 'scale') {
      if (q.min === undefined || q.max === undefined) add('min', 'Укажите границы шкалы');
      else if (q.min >= q.max) add('max', 'Верхняя граница шкалы — больше нижней');
      else if (q.max - q.min > SCALE_LIMIT) add('max', `Шкала не длиннее ${SCALE_LIMIT} шагов`);
    } else if (q.min !== undefined || q.max !== undefined) {
      add('min', 'Границы бывают только у вопроса-шкалы');
    }
    if (survey.kind === 'survey') {
      if (q.correct !== undefined) add('correct', 'Правильные ответы бывают только в тесте');
      if (q.points !== undefined) add('points', 'Баллы бывают только в тесте');
      return;
    }
    if (q.correct === undefined) {
      if (q.points !== undefined) add('points', 'Баллы даются за вопрос с правильным ответом');
      return;
    }
    const problem = correctProblem(q);
    if (problem) add('correct', problem);
  });
  if (survey.kind === 'test' && !survey.questions.some(isScored)) {
    problems.push({
      field: 'questions',
      message: 'В тесте отметьте правильный ответ хотя бы у одного вопроса',
    });
  }
  if (
    survey.opensAt &&
    survey.closesAt &&
    Date.parse(survey.closesAt) <= Date.parse(survey.opensAt)
  ) {
    problems.push({ field: 'closesAt', message: 'Время окончания — позже времени начала' });
  }
  return problems;
}

function correctProblem(q: SurveyQuestion): string | null {
  const options = q.options ?? [];
  const c = q.correct;
  switch (q.type) {
    case 'text':
      return 'У ответа текстом нет правильного ответа';
    case 'single':
      return typeof c === 'string' && options.includes(c)
        ? null
        : 'Правильный ответ — один из вариантов';
    case 'multiple':
      return Array.isArray(c) &&
        c.length > 0 &&
        new Set(c).size === c.length &&
        c.every((o) => options.includes(o))
        ? null
        : 'Правильный ответ — несколько разных вариантов из списка';
    case 'scale':
      return typeof c === 'number' &&
        Number.isInteger(c) &&
        q.min !== undefined &&
        q.max !== undefined &&
        c >= q.min &&
        c <= q.max
        ? null
        : 'Правильный ответ — оценка в границах шкалы';
  }
}

/** The most a test gives (the points of every question with a right answer); 0 for a survey. */
export const maxScore = (questions: readonly SurveyQuestion[]) =>
  questions.filter(isScored).reduce((sum, q) => sum + (q.points ?? 1), 0);

const REQUIRED = 'Ответьте на этот вопрос';

/** One answer against its question: the normalised value, absent, or what is wrong. */
function normalizeAnswer(
  q: SurveyQuestion,
  value: AnswerValue | undefined,
): { value: string | string[] | number } | { absent: true } | { problem: string } {
  if (value === null || value === undefined) return { absent: true };
  const options = q.options ?? [];
  switch (q.type) {
    case 'single': {
      if (typeof value !== 'string') return { problem: 'Выберите один вариант ответа' };
      if (value.trim() === '') return { absent: true };
      return options.includes(value.trim())
        ? { value: value.trim() }
        : { problem: `Нет такого варианта ответа: «${value.trim().slice(0, 100)}»` };
    }
    case 'multiple': {
      if (!Array.isArray(value)) return { problem: 'Выберите варианты ответа списком' };
      const chosen = value.map((v) => v.trim());
      if (chosen.length === 0) return { absent: true };
      const unknown = chosen.find((v) => !options.includes(v));
      if (unknown !== undefined) {
        return { problem: `Нет такого варианта ответа: «${unknown.slice(0, 100)}»` };
      }
      if (new Set(chosen).size !== chosen.length) return { problem: 'Вариант выбран дважды' };
      // In the order of the options: two equal answers are stored alike.
      return { value: options.filter((o) => chosen.includes(o)) };
    }
    case 'text': {
      if (typeof value !== 'string') return { problem: 'Ответ — текст' };
      const text = value.trim();
      if (text === '') return { absent: true };
      return text.length > MAX_TEXT_ANSWER
        ? { problem: `Ответ не длиннее ${MAX_TEXT_ANSWER} символов` }
        : { value: text };
    }
    case 'scale': {
      const min = q.min ?? 0;
      const max = q.max ?? 0;
      if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
        return { problem: `Оценка — целое число от ${min} до ${max}` };
      }
      return { value };
    }
  }
}

/**
 * A respondent's answers checked against the questions: each problem names the question
 * (`answers.<code>`); the answers as they are kept (answered questions only, normalised).
 */
export function checkAnswers(
  questions: readonly SurveyQuestion[],
  answers: Readonly<Record<string, AnswerValue>>,
): { problems: RuleProblem[]; normalized: NormalizedAnswers } {
  const problems: RuleProblem[] = [];
  const normalized: NormalizedAnswers = {};
  const byCode = new Map(questions.map((q) => [q.code, q]));
  for (const code of Object.keys(answers)) {
    if (!byCode.has(code)) {
      problems.push({ field: `answers.${code}`, message: 'В опросе нет такого вопроса' });
    }
  }
  for (const q of questions) {
    const field = `answers.${q.code}`;
    const result = normalizeAnswer(q, Object.hasOwn(answers, q.code) ? answers[q.code] : undefined);
    if ('problem' in result) problems.push({ field, message: result.problem });
    else if ('absent' in result) {
      if (q.required !== false) problems.push({ field, message: REQUIRED });
    } else normalized[q.code] = result.value;
  }
  return { problems, normalized };
}

const sameAnswer = (q: SurveyQuestion, given: string | string[] | number | undefined) => {
  if (given === undefined) return false;
  if (Array.isArray(q.correct)) {
    return (
      Array.isArray(given) &&
      given.length === q.correct.length &&
      q.correct.every((c) => given.includes(c))
    );
  }
  return given === q.correct;
};

/** A test's score: the points of each question answered exactly right, of the most possible. */
export function scoreOf(questions: readonly SurveyQuestion[], answers: NormalizedAnswers) {
  let score = 0;
  for (const q of questions) {
    if (isScored(q) && sameAnswer(q, answers[q.code])) score += q.points ?? 1;
  }
  return { score, max: maxScore(questions) };
}

/** The count key of a test's scores, beside the questions' own (no question code can be it). */
export const SCORE_KEY = '$score';
/** The answer key counting who answered a question at all (no option label is empty). */
export const ANSWERED_KEY = '';

/**
 * What one response adds to the maintained counts, as (question, answer) pairs: each question
 * answered once under ANSWERED_KEY, each option chosen, a scale's mark; a test's score.
 */
export function tallyKeys(
  questions: readonly SurveyQuestion[],
  answers: NormalizedAnswers,
  score: number | null,
): [string, string][] {
  const keys: [string, string][] = [];
  for (const q of questions) {
    const value = answers[q.code];
    if (value === undefined) continue;
    keys.push([q.code, ANSWERED_KEY]);
    if (q.type === 'text') continue;
    for (const v of Array.isArray(value) ? value : [value]) keys.push([q.code, String(v)]);
  }
  if (score !== null) keys.push([SCORE_KEY, String(score)]);
  return keys;
}

/** The question as a respondent sees it. */
export const publicQuestion = ({ correct: _c, points: _p, ...q }: SurveyQuestion): PublicQuestion =>
  q;
