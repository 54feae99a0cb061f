import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkAnswers,
  definitionProblems,
  maxScore,
  type SurveyQuestion,
  scoreOf,
  tallyKeys,
} from './survey-rules.js';

// The rules of surveys on generated questions and answers: a right answer scores its points
// and nothing else does; whatever is accepted is kept normalised and counted once per option.

const options = fc.uniqueArray(fc.constantFrom('А', 'Б', 'В', 'Г', 'Д'), {
  minLength: 2,
  maxLength: 5,
});

const question = (code: string): fc.Arbitrary<SurveyQuestion> =>
  fc.oneof(
    options.chain((opts) =>
      fc.record({
        code: fc.constant(code),
        text: fc.constant('Вопрос'),
        type: fc.constant('single' as const),
        options: fc.constant(opts),
        correct: fc.constantFrom(...opts),
        points: fc.integer({ min: 1, max: 5 }),
      }),
    ),
    options.chain((opts) =>
      fc.record({
        code: fc.constant(code),
        text: fc.constant('Вопрос'),
        type: fc.constant('multiple' as const),
        options: fc.constant(opts),
        correct: fc.uniqueArray(fc.constantFrom(...opts), { minLength: 1 }),
      }),
    ),
    fc.integer({ min: -5, max: 5 }).chain((min) =>
      fc.integer({ min: min + 1, max: min + 10 }).chain((max) =>
        fc.record({
          code: fc.constant(code),
          text: fc.constant('Вопрос'),
          type: fc.constant('scale' as const),
          min: fc.constant(min),
          max: fc.constant(max),
          correct: fc.integer({ min, max }),
        }),
      ),
    ),
  );

const testQuestions = fc
  .integer({ min: 1, max: 6 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => question(`q${i}`))));

/** Any answer a respondent could send for a question (right, wrong, malformed). */
const anyAnswer = (q: SurveyQuestion) =>
  fc.oneof(
    fc.constant(q.correct as string | string[] | number),
    fc.constantFrom(...(q.options ?? ['А'])),
    fc.uniqueArray(fc.constantFrom(...(q.options ?? ['А']), 'Ж'), { maxLength: 4 }),
    fc.integer({ min: -20, max: 20 }),
    fc.constant(null),
    fc.string({ maxLength: 3 }),
  );

describe('survey rules', () => {
  it('generated tests are valid definitions', () => {
    fc.assert(
      fc.property(testQuestions, (questions) => {
        expect(definitionProblems({ kind: 'test', questions })).toEqual([]);
      }),
    );
  });

  it('the right answers score the most; the score never exceeds it nor goes below 0', () => {
    fc.assert(
      fc.property(
        testQuestions.chain((qs) =>
          fc.tuple(fc.constant(qs), fc.tuple(...qs.map((q) => anyAnswer(q)))),
        ),
        ([questions, given]) => {
          const right = Object.fromEntries(
            questions.map((q) => [q.code, q.correct as string | string[] | number]),
          );
          const all = checkAnswers(questions, right);
          expect(all.problems).toEqual([]);
          expect(scoreOf(questions, all.normalized)).toEqual({
            score: maxScore(questions),
            max: maxScore(questions),
          });
          const answers = Object.fromEntries(questions.map((q, i) => [q.code, given[i] ?? null]));
          const checked = checkAnswers(questions, answers);
          const { score } = scoreOf(questions, checked.normalized);
          expect(score).toBeGreaterThanOrEqual(0);
          expect(score).toBeLessThanOrEqual(maxScore(questions));
          if (checked.problems.length === 0) {
            // Each question scores its points exactly when its answer is the right one.
            const expected = questions.reduce((sum, q) => {
              const a = checked.normalized[q.code];
              const right =
                Array.isArray(q.correct) && Array.isArray(a)
                  ? a.length === q.correct.length && q.correct.every((c) => a.includes(c))
                  : a === q.correct;
              return sum + (right ? (q.points ?? 1) : 0);
            }, 0);
            expect(score).toBe(expected);
          }
        },
      ),
    );
  });

  it('accepted answers are within their questions and counted once per option chosen', () => {
    fc.assert(
      fc.property(
        testQuestions.chain((qs) =>
          fc.tuple(fc.constant(qs), fc.tuple(...qs.map((q) => anyAnswer(q)))),
        ),
        ([questions, given]) => {
          const answers = Object.fromEntries(questions.map((q, i) => [q.code, given[i] ?? null]));
          const { problems, normalized } = checkAnswers(questions, answers);
          if (problems.length > 0) {
            for (const p of problems) expect(p.field).toMatch(/^answers\.q\d$/);
            return;
          }
          for (const q of questions) {
            const a = normalized[q.code];
            if (q.type === 'single') expect(q.options).toContain(a);
            if (q.type === 'multiple') {
              expect(new Set(a as string[]).size).toBe((a as string[]).length);
              for (const o of a as string[]) expect(q.options).toContain(o);
            }
            if (q.type === 'scale') {
              expect(a).toBeGreaterThanOrEqual(q.min as number);
              expect(a).toBeLessThanOrEqual(q.max as number);
            }
          }
          const keys = tallyKeys(questions, normalized, null).map((k) => k.join('\u0000'));
          expect(new Set(keys).size).toBe(keys.length);
        },
      ),
    );
  });

  it('a required question left empty, and an unknown one, are named', () => {
    const questions: SurveyQuestion[] = [
      { code: 'a', text: 'А', type: 'text' },
      { code: 'b', text: 'Б', type: 'text', required: false },
    ];
    expect(checkAnswers(questions, { a: '   ', c: 'x' }).problems.map((p) => p.field)).toEqual([
      'answers.c',
      'answers.a',
    ]);
    expect(checkAnswers(questions, { a: ' да ' }).normalized).toEqual({ a: 'да' });
  });
});
