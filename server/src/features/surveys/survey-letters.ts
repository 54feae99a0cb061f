import { isoToRu, moscowIso, quoted, type SurveyKind } from '@profreestr/contracts';
import { compose, greetingOf, type LetterContent, type Person } from '../mail/letters.js';

// The letters of surveys: the invitation when a survey is published and the reminder to those
// who have not answered. Both name the survey, when it closes and where to answer; an
// anonymous survey says its answers are not linked to the person.

export interface SurveyRef {
  kind: SurveyKind;
  title: string;
  anonymous: boolean;
  closesAt: Date;
}

/** «25.12.2025 18:00» in Moscow time, the union's clock. */
export const moscowTime = (at: Date) => {
  const moscow = moscowIso(at);
  return `${isoToRu(moscow.slice(0, 10))} ${moscow.slice(11, 16)}`;
};

const what = (kind: SurveyKind) => (kind === 'test' ? 'тест' : 'опрос');

function surveyLetter(
  lead: string,
  subject: string,
  person: Person,
  survey: SurveyRef,
  link: string,
): LetterContent {
  return compose(subject, greetingOf(person), [
    lead,
    `Ответить можно до ${moscowTime(survey.closesAt)} (по московскому времени).`,
    ...(survey.anonymous
      ? [
          'Опрос анонимный: ваши ответы хранятся отдельно от вашего имени и не могут быть с ним связаны; в итогах организации с числом ответивших меньше пяти не показываются.',
        ]
      : []),
    { link, label: survey.kind === 'test' ? 'Пройти тест' : 'Пройти опрос' },
    'Отказаться от писем можно в личном кабинете (согласия) или в паспорте организации для председателя.',
  ]);
}

export function surveyInvitationLetter(
  person: Person,
  survey: SurveyRef,
  link: string,
): LetterContent {
  return surveyLetter(
    `Приглашаем вас пройти ${what(survey.kind)} ${quoted(survey.title)}.`,
    `Профреестр: ${what(survey.kind)} ${quoted(survey.title)}`,
    person,
    survey,
    link,
  );
}

export function surveyReminderLetter(
  person: Person,
  survey: SurveyRef,
  link: string,
): LetterContent {
  return surveyLetter(
    `Напоминаем: вы ещё не ответили на ${what(survey.kind)} ${quoted(survey.title)}.`,
    `Профреестр: напоминание — ${what(survey.kind)} ${quoted(survey.title)}`,
    person,
    survey,
    link,
  );
}
