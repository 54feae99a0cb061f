import { orgLevelLabels, type SurveyQuestion } from '@profreestr/contracts';
import type { StaffCtx } from '../../lib/context.js';
import { type Download, spreadsheetTypes } from '../../lib/http.js';
import { type CellValue, type ExtraSheet, fillSheet, openSheet } from '../../lib/spreadsheet.js';
import { pathIds } from '../../lib/tree-path.js';
import { orgLabels } from '../access/placement.js';
import { recordAudit } from '../audit/audit.service.js';
import { findRespondentNames, findResponses } from './survey-results.queries.js';
import { resultsScope, surveyResultChildren, surveyResults } from './survey-results.service.js';

// The results as a spreadsheet: a row per response of the subtree (streamed page by page, in
// the order of the responses' random ids; the person and the org only for a caller who may see
// individual responses of a named survey; none at all where the breakdown is withheld), then
// the totals per question and the orgs below as sheets of their own.

/** Responses per page: one index range each, the page's names read in one lookup. */
const PAGE = 500;

const answerText = (value: string | string[] | number | undefined): CellValue =>
  value === undefined ? null : Array.isArray(value) ? value.join('; ') : value;

async function totalsSheets(ctx: StaffCtx, id: string, under: string): Promise<ExtraSheet[]> {
  const results = await surveyResults(ctx, id, under);
  const totals: CellValue[][] = [['Вопрос', 'Ответ', 'Ответили', 'Доля, %']];
  for (const q of results.questions) {
    if (!q.counts) {
      totals.push([
        q.text,
        results.suppressed ? 'Не показывается: меньше 5 ответивших' : '',
        q.answered,
        null,
      ]);
      continue;
    }
    for (const [answer, n] of Object.entries(q.counts)) {
      const share = q.answered ? Math.round((n / q.answered) * 1000) / 10 : null;
      totals.push([q.text, answer, n, share]);
    }
    if (q.mean !== null) totals.push([q.text, 'Среднее', q.mean, null]);
  }
  if (results.scores) {
    for (const [score, n] of Object.entries(results.scores.distribution)) {
      totals.push(['Баллы', score, n, null]);
    }
  }
  const orgs: CellValue[][] = [
    ['Организация', 'Уровень', 'Приглашено', 'Ответили', 'Отклик, %', 'Итоги'],
  ];
  for (let cursor: string | undefined; ; ) {
    const page = await surveyResultChildren(ctx, id, { under, cursor, limit: 500 });
    for (const c of page.items) {
      orgs.push([
        c.org.name,
        orgLevelLabels[c.org.level],
        c.invited,
        c.respondents,
        c.responseRate,
        c.suppressed ? 'не показываются' : 'показываются',
      ]);
    }
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return [
    { name: 'Итоги', rows: totals },
    { name: 'По организациям', rows: orgs },
  ];
}

/** `GET /surveys/:id/results/file`: access, the totals and the audit entry before any byte. */
export async function surveyFile(
  ctx: StaffCtx,
  id: string,
  under: string | undefined,
): Promise<Download> {
  const scope = await resultsScope(ctx, id, under);
  const { survey, questions, org, individual, shown } = scope;
  const extraSheets = await totalsSheets(ctx, id, org.id);
  const target = { type: 'survey', id, orgPath: org.path };
  await recordAudit(ctx, {
    action: 'survey.export',
    target,
    details: { format: 'xlsx', under: org.id },
  });
  const headers = [
    ...(individual ? ['Ответил(а)', 'Организация', 'Дата ответа'] : []),
    ...questions.map((q: SurveyQuestion) => q.text),
    ...(survey.kind === 'test' ? ['Баллы'] : []),
  ];

  async function* rows(): AsyncGenerator<CellValue[]> {
    if (!shown) return;
    for (let afterId: string | null = null; ; ) {
      const page = await findResponses(ctx.db, {
        surveyId: id,
        path: org.path,
        afterId,
        limit: PAGE,
      });
      const [names, orgs] = individual
        ? await Promise.all([
            findRespondentNames(
              ctx.db,
              page.flatMap((r) =>
                r.respondent_kind && r.respondent_id
                  ? [{ kind: r.respondent_kind, id: r.respondent_id }]
                  : [],
              ),
            ),
            orgLabels(ctx.db, [...new Set(page.map((r) => pathIds(r.org_path).at(-1) as string))]),
          ])
        : [null, null];
      for (const r of page) {
        const person =
          names && r.respondent_kind && r.respondent_id
            ? names[r.respondent_kind].get(r.respondent_id)
            : undefined;
        yield [
          ...(individual
            ? [
                person?.name ?? null,
                orgs?.get(pathIds(r.org_path).at(-1) as string)?.name ?? null,
                r.answered_on,
              ]
            : []),
          ...questions.map((q) => answerText(r.answers[q.code])),
          ...(survey.kind === 'test' ? [r.score] : []),
        ];
      }
      const last = page.at(-1);
      if (!last || page.length < PAGE) return;
      afterId = last.id;
    }
  }

  const sheet = openSheet('xlsx', headers, { sheetName: 'Ответы', extraSheets });
  // The closing entry says whether the whole file left (a client may hang up midway).
  void fillSheet(sheet, rows(), (done) =>
    recordAudit(ctx, {
      action: 'survey.export.end',
      target,
      result: done.complete ? 'ok' : 'failed',
      details: { format: 'xlsx', rows: done.rows, complete: done.complete },
    }),
  );
  return {
    fileName: `Опрос № ${id} — итоги.xlsx`,
    contentType: spreadsheetTypes.xlsx,
    body: sheet.stream,
  };
}
