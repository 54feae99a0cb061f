import { z } from 'zod';
import { idSchema, pageOf, pageQuerySchema } from './common.js';
import { orgLevels } from './enums.js';
import { plainText } from './fields.js';
import { mailingAudienceSchema } from './mail.js';
import {
  definitionProblems,
  MAX_TEXT_ANSWER,
  QUESTION_CODE_MESSAGE,
  QUESTION_CODE_PATTERN,
  questionTypes,
  SCALE_LIMIT,
  surveyKinds,
} from './survey-rules.js';

// Surveys and tests: the definition staff build, the respondent's view and answers, the
// results by subtree. The rules themselves (definition, answers, score) are in survey-rules.ts.

export const surveyStatuses = ['draft', 'publishing', 'published'] as const;
export type SurveyStatus = (typeof surveyStatuses)[number];
/** Where a survey stands for respondents now. */
export const surveyStates = ['draft', 'upcoming', 'open', 'closed'] as const;
export type SurveyState = (typeof surveyStates)[number];

const optionText = plainText('Вариант ответа: строка')
  .trim()
  .min(1, 'Вариант ответа не может быть пустым')
  .max(300, 'Вариант ответа не длиннее 300 символов');
const mark = z
  .number('Граница шкалы: целое число')
  .int('Граница шкалы: целое число')
  .min(-SCALE_LIMIT, `Граница шкалы: от −${SCALE_LIMIT} до ${SCALE_LIMIT}`)
  .max(SCALE_LIMIT, `Граница шкалы: от −${SCALE_LIMIT} до ${SCALE_LIMIT}`);

export const questionCodeSchema = z
  .string('Код вопроса: строка')
  .regex(QUESTION_CODE_PATTERN, QUESTION_CODE_MESSAGE);

export const surveyQuestionSchema = z
  .object({
    code: questionCodeSchema,
    text: plainText('Вопрос: строка')
      .trim()
      .min(1, 'Напишите текст вопроса')
      .max(2000, 'Вопрос не длиннее 2000 символов'),
    type: z.enum(questionTypes, {
      message: 'Неизвестный тип вопроса: single, multiple, text или scale',
    }),
    options: z.array(optionText).max(50, 'Не больше 50 вариантов ответа').optional(),
    min: mark.optional(),
    max: mark.optional(),
    required: z.boolean('Обязательность: да или нет').optional(),
    correct: z
      .union([optionText, z.array(optionText).min(1).max(50), mark], {
        message: 'Правильный ответ: вариант, список вариантов или оценка',
      })
      .optional(),
    points: z
      .number('Баллы: целое число')
      .int('Баллы: целое число')
      .min(1, 'Баллы: от 1 до 100')
      .max(100, 'Баллы: от 1 до 100')
      .optional(),
  })
  .strict();
export type SurveyQuestionInput = z.infer<typeof surveyQuestionSchema>;

/** Opening and closing: an instant with its time zone, between 2000 and 2100. */
const instant = (what: string) =>
  z.iso
    .datetime({ offset: true, message: `${what}: дата и время ISO 8601 с часовым поясом` })
    .refine(
      (v) => Date.parse(v) >= Date.UTC(2000, 0, 1) && Date.parse(v) < Date.UTC(2101, 0, 1),
      `${what}: с 2000 по 2100 год`,
    );

const surveyFields = z
  .object({
    title: plainText('Название: строка')
      .trim()
      .min(1, 'Укажите название')
      .max(300, 'Название не длиннее 300 символов'),
    kind: z.enum(surveyKinds, { message: 'Вид: survey (опрос) или test (тест)' }),
    anonymous: z.boolean('Анонимность: да или нет'),
    audience: mailingAudienceSchema,
    questions: z
      .array(surveyQuestionSchema)
      .min(1, 'Добавьте хотя бы один вопрос')
      .max(100, 'Не больше 100 вопросов'),
    opensAt: instant('Начало'),
    closesAt: instant('Окончание'),
  })
  .strict();

/** `POST /surveys`. */
export const surveyCreateSchema = surveyFields.superRefine((survey, ctx) => {
  for (const problem of definitionProblems(survey)) {
    ctx.addIssue({
      code: 'custom',
      path: problem.field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
      message: problem.message,
    });
  }
});
export type SurveyCreate = z.infer<typeof surveyCreateSchema>;

/**
 * `PATCH /surveys/:id`: any field of a draft; a published survey takes only `closesAt` (its
 * questions and audience are what people were invited to). The merged survey is checked again.
 */
export const surveyPatchSchema = surveyFields.partial().strict();
export type SurveyPatch = z.infer<typeof surveyPatchSchema>;

const count = z.number().int();

/** A question as staff see it (with a test's right answers). */
export const surveyQuestionOutSchema = z.object({
  code: z.string(),
  text: z.string(),
  type: z.enum(questionTypes),
  options: z.array(z.string()).optional(),
  min: z.number().int().optional(),
  max: z.number().int().optional(),
  required: z.boolean().optional(),
  correct: z.union([z.string(), z.array(z.string()), z.number()]).optional(),
  points: z.number().int().optional(),
});
/** A question as a respondent sees it: no right answers. */
export const publicQuestionSchema = surveyQuestionOutSchema.omit({ correct: true, points: true });

/** `POST /surveys`, `GET /surveys/:id`, `PATCH`, `POST …/publish`. */
export const surveySchema = z.object({
  id: idSchema,
  title: z.string(),
  kind: z.enum(surveyKinds),
  anonymous: z.boolean(),
  audience: mailingAudienceSchema,
  orgId: idSchema,
  orgName: z.string(),
  questions: z.array(surveyQuestionOutSchema),
  opensAt: z.string(),
  closesAt: z.string(),
  status: z.enum(surveyStatuses),
  state: z.enum(surveyStates),
  /** The audience: counted now for a draft, as resolved when publishing began after. */
  audienceCount: count,
  /** People on the invited list so far (all of the audience once published). */
  invited: count,
  respondents: count,
  /** A test's most points; null for a survey. */
  maxScore: count.nullable(),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
  remindedAt: z.string().nullable(),
  /**
   * What the caller may do, decided by the server: change, publish and remind (made for their
   * subtree, their role managing surveys). Staff below a survey's org only read its results.
   */
  allowed: z.object({ manage: z.boolean() }),
});
export type Survey = z.infer<typeof surveySchema>;

export const surveyListItemSchema = surveySchema.omit({ questions: true });
export type SurveyListItem = z.infer<typeof surveyListItemSchema>;
export const surveyPageSchema = pageOf(surveyListItemSchema);

/** `GET /cabinet/surveys` and `GET /surveys/assigned`: what the respondent is asked. */
export const assignedSurveySchema = z.object({
  id: idSchema,
  title: z.string(),
  kind: z.enum(surveyKinds),
  anonymous: z.boolean(),
  opensAt: z.string(),
  closesAt: z.string(),
  state: z.enum(surveyStates),
  answered: z.boolean(),
  questions: z.array(publicQuestionSchema),
});
export type AssignedSurvey = z.infer<typeof assignedSurveySchema>;
export const assignedSurveyPageSchema = pageOf(assignedSurveySchema);

/** An answer; an empty text or list is no answer (a question left out is none either). */
const answerValueSchema = z.union(
  [
    plainText().max(MAX_TEXT_ANSWER, `Ответ не длиннее ${MAX_TEXT_ANSWER} символов`),
    z.array(plainText().max(300, 'Вариант ответа не длиннее 300 символов')).max(50),
    z.number(),
  ],
  { message: 'Ответ: вариант, список вариантов, текст или оценка' },
);

/** `POST /cabinet/surveys/:id/responses` and `POST /surveys/:id/responses`. */
export const surveyResponseInputSchema = z
  .object({
    answers: z
      .record(z.string().max(64, 'Код вопроса не длиннее 64 символов'), answerValueSchema)
      .refine((a) => Object.keys(a).length <= 200, 'Не больше 200 ответов'),
  })
  .strict();
export type SurveyResponseInput = z.infer<typeof surveyResponseInputSchema>;

/** The answer to a response: a test's score right away (null for a survey). */
export const surveyResponseResultSchema = z.object({
  score: count.nullable(),
  max: count.nullable(),
});

const orgRefSchema = z.object({
  id: idSchema,
  code: z.string(),
  name: z.string(),
  level: z.enum(orgLevels),
});

export const surveyResultsQuerySchema = z.object({ under: idSchema.optional() });

export const questionResultSchema = z.object({
  code: z.string(),
  text: z.string(),
  type: z.enum(questionTypes),
  /** How many answered the question; null when the subtree's breakdown is withheld. */
  answered: count.nullable(),
  /** Per option (or scale mark): how many chose it; null when withheld or for text. */
  counts: z.record(z.string(), count).nullable(),
  /** A scale's mean; null otherwise. */
  mean: z.number().nullable(),
});

/** `GET /surveys/:id/results`. */
export const surveyResultsSchema = z.object({
  surveyId: idSchema,
  org: orgRefSchema,
  invited: count,
  respondents: count,
  /** Respondents of the invited, %, one decimal; null with nobody invited. */
  responseRate: z.number().nullable(),
  /**
   * The breakdown is withheld: fewer than 5 respondents, or figures that would let a smaller
   * group be worked out by subtraction from the org above (no text answers either).
   */
  suppressed: z.boolean(),
  /** The caller may see individual responses (a named survey, a role that manages it). */
  individual: z.boolean(),
  /**
   * Anonymous answers of the subtree not yet in the breakdown: an org's answers join it 5 at a
   * time, the rest when the survey closes (so none can be matched with who answered when).
   */
  heldBack: count,
  questions: z.array(questionResultSchema),
  /** A test's scores: the lowest, mean and highest, and how many got each score. */
  scores: z
    .object({
      min: count,
      mean: z.number(),
      max: count,
      maxPossible: count,
      distribution: z.record(z.string(), count),
    })
    .nullable(),
});
export type SurveyResults = z.infer<typeof surveyResultsSchema>;

export const surveyResultChildrenQuerySchema = pageQuerySchema.extend({
  under: idSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export const surveyResultChildSchema = z.object({
  org: orgRefSchema,
  invited: count,
  respondents: count,
  responseRate: z.number().nullable(),
  suppressed: z.boolean(),
});
export type SurveyResultChild = z.infer<typeof surveyResultChildSchema>;
export const surveyResultChildPageSchema = pageOf(surveyResultChildSchema);

export const surveyTextsQuerySchema = pageQuerySchema.extend({
  under: idSchema.optional(),
  question: questionCodeSchema,
});
export const surveyTextAnswerSchema = z.object({
  text: z.string(),
  /** Who wrote it: only for a named survey, to a caller who may see individual responses. */
  respondent: z
    .object({ kind: z.enum(['member', 'chairman']), id: idSchema, name: z.string() })
    .nullable(),
});
/** Text answers of a subtree, in an order that says nothing of when they came. */
export const surveyTextPageSchema = pageOf(surveyTextAnswerSchema).extend({
  suppressed: z.boolean(),
});

export const surveyRemindResultSchema = z.object({ queued: count });
