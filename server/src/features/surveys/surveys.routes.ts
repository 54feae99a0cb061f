import {
  assignedSurveyPageSchema,
  assignedSurveySchema,
  idParamsSchema,
  pageQuerySchema,
  surveyCreateSchema,
  surveyPageSchema,
  surveyPatchSchema,
  surveyRemindResultSchema,
  surveyResponseInputSchema,
  surveyResponseResultSchema,
  surveyResultChildPageSchema,
  surveyResultChildrenQuerySchema,
  surveyResultsQuerySchema,
  surveyResultsSchema,
  surveySchema,
  surveyTextPageSchema,
  surveyTextsQuerySchema,
} from '@profreestr/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import {
  type App,
  ctxOf,
  member,
  memberCtxOf,
  sendDownload,
  staff,
  staffReads,
} from '../../lib/http.js';
import { surveyFile } from './survey-file.js';
import { remindSurvey } from './survey-reminders.service.js';
import {
  chairmanSurvey,
  chairmanSurveys,
  memberSurvey,
  memberSurveys,
  respondAsChairman,
  respondAsMember,
} from './survey-responses.service.js';
import {
  surveyResultChildren,
  surveyResults,
  surveyTextAnswers,
} from './survey-results.service.js';
import {
  changeSurvey,
  createSurvey,
  getSurvey,
  listSurveys,
  publishSurvey,
} from './surveys.service.js';

// Surveys and tests: the definition and its publishing (staff), the respondents' places (the
// member's cabinet, the chairman's «Опросы»), results by subtree with the drill-down, text
// answers and the file, the reminder. HTTP only.

export function registerSurveyRoutes(app: App, db: Kysely<Database>) {
  const tags = ['surveys'];
  const config = { callers: staff };

  // --- the definition ---
  app.post(
    '/api/v1/surveys',
    {
      config,
      schema: {
        tags,
        summary: 'Новый опрос или тест: вопросы, аудитория (как у рассылок), время проведения',
        body: surveyCreateSchema,
        response: { 201: surveySchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createSurvey(ctxOf(request, db), request.body)),
  );
  app.get(
    '/api/v1/surveys',
    {
      config,
      schema: {
        tags,
        summary: 'Опросы поддерева и опубликованные вышестоящими для него, новые первыми',
        querystring: pageQuerySchema,
        response: { 200: surveyPageSchema },
      },
    },
    async (request) => listSurveys(ctxOf(request, db), request.query),
  );
  app.get(
    '/api/v1/surveys/assigned',
    {
      config,
      schema: {
        tags,
        summary: 'Опросы, на которые приглашён председатель организации пользователя',
        querystring: pageQuerySchema,
        response: { 200: assignedSurveyPageSchema },
      },
    },
    async (request) => chairmanSurveys(ctxOf(request, db), request.query),
  );
  app.get(
    '/api/v1/surveys/assigned/:id',
    {
      config,
      schema: {
        tags,
        summary: 'Опрос, на который приглашён председатель организации пользователя: вопросы',
        params: idParamsSchema,
        response: { 200: assignedSurveySchema },
      },
    },
    async (request) => chairmanSurvey(ctxOf(request, db), request.params.id),
  );
  app.get(
    '/api/v1/surveys/:id',
    {
      config,
      schema: {
        tags,
        summary: 'Опрос: вопросы, аудитория, приглашённые и ответившие',
        params: idParamsSchema,
        response: { 200: surveySchema },
      },
    },
    async (request) => getSurvey(ctxOf(request, db), request.params.id),
  );
  app.patch(
    '/api/v1/surveys/:id',
    {
      config,
      schema: {
        tags,
        summary: 'Изменить опрос: черновик целиком, опубликованный — только время окончания',
        params: idParamsSchema,
        body: surveyPatchSchema,
        response: { 200: surveySchema },
      },
    },
    async (request) => changeSurvey(ctxOf(request, db), request.params.id, request.body),
  );
  app.post(
    '/api/v1/surveys/:id/publish',
    {
      config,
      schema: {
        tags,
        summary:
          'Опубликовать: список приглашённых составляется один раз, приглашения — согласившимся на письма',
        params: idParamsSchema,
        response: { 202: surveySchema },
      },
    },
    async (request, reply) =>
      reply.code(202).send(await publishSurvey(ctxOf(request, db), request.params.id)),
  );
  app.post(
    '/api/v1/surveys/:id/remind',
    {
      config,
      schema: {
        tags,
        summary: 'Напомнить не ответившим (письмом; не чаще раза в 12 часов)',
        params: idParamsSchema,
        response: { 202: surveyRemindResultSchema },
      },
    },
    async (request, reply) =>
      reply.code(202).send(await remindSurvey(ctxOf(request, db), request.params.id)),
  );

  // --- answers ---
  app.post(
    '/api/v1/surveys/:id/responses',
    {
      config,
      schema: {
        tags,
        summary: 'Ответ председателя за свою организацию (один раз); тест — сразу с баллами',
        params: idParamsSchema,
        body: surveyResponseInputSchema,
        response: { 201: surveyResponseResultSchema },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await respondAsChairman(ctxOf(request, db), request.params.id, request.body.answers)),
  );
  app.get(
    '/api/v1/cabinet/surveys',
    {
      config: { callers: member },
      schema: {
        tags: ['cabinet'],
        summary: 'Опросы и тесты, на которые приглашён член Профсоюза',
        querystring: pageQuerySchema,
        response: { 200: assignedSurveyPageSchema },
      },
    },
    async (request) => memberSurveys(memberCtxOf(request, db), request.query),
  );
  app.get(
    '/api/v1/cabinet/surveys/:id',
    {
      config: { callers: member },
      schema: {
        tags: ['cabinet'],
        summary: 'Опрос или тест, на который приглашён член Профсоюза: вопросы, ответил ли',
        params: idParamsSchema,
        response: { 200: assignedSurveySchema },
      },
    },
    async (request) => memberSurvey(memberCtxOf(request, db), request.params.id),
  );
  app.post(
    '/api/v1/cabinet/surveys/:id/responses',
    {
      config: { callers: member },
      schema: {
        tags: ['cabinet'],
        summary: 'Ответить на опрос (один раз); тест — сразу с баллами',
        params: idParamsSchema,
        body: surveyResponseInputSchema,
        response: { 201: surveyResponseResultSchema },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await respondAsMember(memberCtxOf(request, db), request.params.id, request.body.answers),
        ),
  );

  // --- results ---
  app.get(
    '/api/v1/surveys/:id/results',
    {
      config: staffReads,
      schema: {
        tags,
        summary:
          'Итоги по поддереву: приглашённые, ответившие, ответы по вопросам (меньше 5 ответивших — без разбивки)',
        params: idParamsSchema,
        querystring: surveyResultsQuerySchema,
        response: { 200: surveyResultsSchema },
      },
    },
    async (request) => surveyResults(ctxOf(request, db), request.params.id, request.query.under),
  );
  app.get(
    '/api/v1/surveys/:id/results/children',
    {
      config: staffReads,
      schema: {
        tags,
        summary: 'Итоги по подчинённым организациям: приглашённые, ответившие, отклик',
        params: idParamsSchema,
        querystring: surveyResultChildrenQuerySchema,
        response: { 200: surveyResultChildPageSchema },
      },
    },
    async (request) => surveyResultChildren(ctxOf(request, db), request.params.id, request.query),
  );
  app.get(
    '/api/v1/surveys/:id/results/texts',
    {
      config: staffReads,
      schema: {
        tags,
        summary: 'Ответы текстом на вопрос, вперемешку (анонимные — без имён)',
        params: idParamsSchema,
        querystring: surveyTextsQuerySchema,
        response: { 200: surveyTextPageSchema },
      },
    },
    async (request) => surveyTextAnswers(ctxOf(request, db), request.params.id, request.query),
  );
  app.get(
    '/api/v1/surveys/:id/results/file',
    {
      config: staffReads,
      schema: {
        tags,
        summary: 'Итоги файлом (XLSX): ответы, итоги по вопросам, по организациям',
        params: idParamsSchema,
        querystring: surveyResultsQuerySchema,
      },
    },
    async (request, reply) =>
      sendDownload(
        reply,
        await surveyFile(ctxOf(request, db), request.params.id, request.query.under),
      ),
  );
}
