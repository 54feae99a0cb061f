import {
  Alert,
  Button,
  Group,
  Modal,
  SegmentedControl,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { type Org, type Survey, type SurveyKind, surveyKindLabels } from '@profreestr/contracts';
import { type FormEvent, useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { useChangeSurvey, useCreateSurvey } from '../api/surveys';
import { useUnsavedChanges } from '../components/unsaved-changes';
import { type AudienceDraft, AudiencePicker, audienceOf } from './audience-picker';
import { QuestionEditor } from './question-editor';
import { SurveyAnswerForm } from './survey-answer-form';
import {
  checkDraft,
  type DraftQuestion,
  draftOf,
  type FieldErrors,
  localTimes,
  newQuestion,
  questionOf,
  serverErrors,
} from './survey-draft';
import { fromLocalInput, SURVEYS_PATH, surveyPath } from './survey-format';
import classes from './surveys.module.css';

// The builder: title, survey or test, anonymity, the audience, the window, the questions; a
// preview on a phone. A draft changes whole; once published only its closing time does.

const KIND_OPTIONS = (['survey', 'test'] as const).map((k) => ({
  value: k,
  label: surveyKindLabels[k],
}));

interface SurveyBuilderProps {
  /** The survey changed; none for a new one. */
  survey: Survey | null;
  /** Where the audience starts: the survey's own org, or the user's for a new survey. */
  org: Org | null;
}

export function SurveyBuilder({ survey, org }: SurveyBuilderProps) {
  const locked = survey !== null && survey.status !== 'draft';
  const initialTimes = localTimes(survey);
  const [title, setTitle] = useState(survey?.title ?? '');
  const [kind, setKind] = useState<SurveyKind>(survey?.kind ?? 'survey');
  const [anonymous, setAnonymous] = useState(survey?.anonymous ?? true);
  const [audience, setAudience] = useState<AudienceDraft>(() => {
    const a = survey?.audience;
    return {
      kind: a?.kind ?? 'members',
      org,
      categories: a?.kind === 'members' ? (a.categories ?? []) : [],
      levels: a?.kind === 'chairmen' ? (a.levels ?? []) : [],
    };
  });
  const [opensAt, setOpensAt] = useState(initialTimes.opensAt);
  const [closesAt, setClosesAt] = useState(initialTimes.closesAt);
  const [questions, setQuestions] = useState<DraftQuestion[]>(() =>
    survey ? survey.questions.map(draftOf) : [newQuestion([])],
  );
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [previewing, setPreviewing] = useState(false);
  const kindLabelId = useId();
  const create = useCreateSurvey();
  const change = useChangeSurvey(survey?.id ?? '');
  const save = survey ? change : create;
  const navigate = useNavigate();

  const [dirty, setDirty] = useState(false);
  const leave = useUnsavedChanges(dirty && !create.isSuccess);
  const touch = () => {
    setDirty(true);
    setSaved(false);
  };
  const edit =
    <T,>(setter: (value: T) => void, ...paths: string[]) =>
    (value: T) => {
      setter(value);
      touch();
      if (paths.some((p) => errors[p])) {
        setErrors(({ ...rest }) => {
          for (const p of paths) delete rest[p];
          return rest;
        });
      }
    };
  const setQuestion = (i: number, next: DraftQuestion) => {
    setQuestions((current) => current.map((q, j) => (j === i ? next : q)));
    touch();
  };
  const move = (i: number, delta: -1 | 1) => {
    setQuestions((current) => {
      const next = [...current];
      const [q] = next.splice(i, 1);
      if (q) next.splice(i + delta, 0, q);
      return next;
    });
    touch();
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const onError = (error: unknown) => {
      const refused = serverErrors(error);
      setErrors(refused.fields);
      setGeneral(refused.general);
    };
    const onSuccess = (next: Survey) => {
      setDirty(false);
      setSaved(true);
      if (!survey) navigate(surveyPath(next.id), { replace: true });
    };
    if (locked) {
      const closes = fromLocalInput(closesAt);
      if (!closes) {
        setErrors({ closesAt: 'Укажите время окончания' });
        return;
      }
      change.mutate({ closesAt: closes }, { onSuccess, onError });
      return;
    }
    const found = checkDraft({
      title,
      kind,
      audienceChosen: audience.org !== null,
      opensAt,
      closesAt,
      questions,
    });
    const target = audienceOf(audience);
    if (Object.keys(found).length > 0 || !target) {
      setErrors(found);
      setGeneral('Проверьте выделенные поля.');
      return;
    }
    setErrors({});
    setGeneral(null);
    const body = {
      title: title.trim(),
      kind,
      anonymous,
      audience: target,
      opensAt: fromLocalInput(opensAt),
      closesAt: fromLocalInput(closesAt),
      questions: questions.map((q) => questionOf(q, kind)),
    };
    if (survey) change.mutate(body, { onSuccess, onError });
    else create.mutate(body, { onSuccess, onError });
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label={survey ? 'Опрос' : 'Новый опрос'}>
      <Stack gap="md" maw={640}>
        {locked && (
          <Alert color="blue" role="status">
            Опрос опубликован: вопросы и аудитория уже не меняются, можно продлить или сократить
            время окончания.
          </Alert>
        )}
        <TextInput
          label="Название"
          maxLength={300}
          disabled={locked}
          value={title}
          error={errors.title}
          onChange={(event) => edit(setTitle, 'title')(event.currentTarget.value)}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500} id={kindLabelId}>
            Вид
          </Text>
          <SegmentedControl
            aria-labelledby={kindLabelId}
            data={KIND_OPTIONS}
            value={kind}
            disabled={locked}
            onChange={(value) => edit(setKind, 'questions')(value as SurveyKind)}
            fullWidth
          />
        </Stack>
        <Switch
          label="Анонимно: ответы не связываются с человеком"
          disabled={locked}
          checked={anonymous}
          onChange={(event) => edit(setAnonymous)(event.currentTarget.checked)}
        />
        <AudiencePicker
          value={audience}
          disabled={locked}
          error={errors.audience}
          onChange={edit(setAudience, 'audience')}
        />
        <Group grow align="flex-start">
          <TextInput
            type="datetime-local"
            label="Начало"
            disabled={locked}
            value={opensAt}
            error={errors.opensAt}
            onChange={(event) => edit(setOpensAt, 'opensAt')(event.currentTarget.value)}
          />
          <TextInput
            type="datetime-local"
            label="Окончание"
            value={closesAt}
            error={errors.closesAt}
            onChange={(event) => edit(setClosesAt, 'closesAt')(event.currentTarget.value)}
          />
        </Group>
        {questions.map((q, i) => (
          <QuestionEditor
            key={q.code}
            question={q}
            index={i}
            count={questions.length}
            kind={kind}
            locked={locked}
            errors={errors}
            onChange={(next) => setQuestion(i, next)}
            onRemove={() => {
              setQuestions((current) => current.filter((_, j) => j !== i));
              touch();
            }}
            onMove={(delta) => move(i, delta)}
          />
        ))}
        {errors.questions && (
          <Text size="sm" c="red.8" role="alert">
            {errors.questions}
          </Text>
        )}
        {!locked && (
          <Button
            variant="light"
            mih={44}
            onClick={() => {
              setQuestions((current) => [...current, newQuestion(current)]);
              touch();
            }}
          >
            Добавить вопрос
          </Button>
        )}
        {general && (
          <Alert color="red" role="alert" title="Не удалось сохранить">
            {general}
          </Alert>
        )}
        {saved && !general && (
          <Text size="sm" c="teal.8" role="status">
            Сохранено.
          </Text>
        )}
        <Group>
          <Button type="submit" loading={save.isPending} mih={44}>
            {survey ? 'Сохранить' : 'Сохранить черновик'}
          </Button>
          <Button variant="default" mih={44} onClick={() => setPreviewing(true)}>
            Предпросмотр на телефоне
          </Button>
          {!survey && (
            <Button
              variant="subtle"
              mih={44}
              disabled={save.isPending}
              onClick={() => leave(() => navigate(SURVEYS_PATH))}
            >
              Отмена
            </Button>
          )}
        </Group>
      </Stack>
      <Modal
        opened={previewing}
        onClose={() => setPreviewing(false)}
        title="Так опрос увидят на телефоне"
        size="auto"
        closeButtonProps={{ 'aria-label': 'Закрыть' }}
      >
        <div className={classes.phone}>
          <Stack gap="md">
            <Text fw={700} size="lg">
              {title.trim() || 'Без названия'}
            </Text>
            <SurveyAnswerForm
              questions={questions.map((q) => ({
                ...questionOf(q, 'survey'),
                options: q.options.filter((o) => o.trim() !== ''),
              }))}
              preview
            />
          </Stack>
        </div>
      </Modal>
    </form>
  );
}
