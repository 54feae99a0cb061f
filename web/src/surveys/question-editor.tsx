import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  Radio,
  Select,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import {
  type QuestionType,
  questionTypeLabels,
  questionTypes,
  type SurveyKind,
} from '@profreestr/contracts';
import type { DraftQuestion, FieldErrors } from './survey-draft';

// One question of the builder: its text and type, the options (added, removed), a scale's
// bounds, whether it must be answered, and — in a test — the right answer.

const TYPE_OPTIONS = questionTypes.map((t) => ({ value: t, label: questionTypeLabels[t] }));

interface QuestionEditorProps {
  question: DraftQuestion;
  index: number;
  count: number;
  kind: SurveyKind;
  locked: boolean;
  errors: FieldErrors;
  onChange: (next: DraftQuestion) => void;
  onRemove: () => void;
  onMove: (delta: -1 | 1) => void;
}

export function QuestionEditor({
  question: q,
  index,
  count,
  kind,
  locked,
  errors,
  onChange,
  onRemove,
  onMove,
}: QuestionEditorProps) {
  const n = index + 1;
  const at = (key: string) => errors[`questions.${index}.${key}`];
  const set = (patch: Partial<DraftQuestion>) => onChange({ ...q, ...patch });
  const choice = q.type === 'single' || q.type === 'multiple';
  const setOption = (k: number, text: string) => {
    const before = q.options[k];
    const options = q.options.map((o, j) => (j === k ? text : o));
    // A right answer follows its option's new wording.
    const correct =
      typeof q.correct === 'string' && q.correct === before
        ? text
        : Array.isArray(q.correct)
          ? q.correct.map((c) => (c === before ? text : c))
          : q.correct;
    set({ options, correct });
  };

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={`Вопрос ${n}`}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Text fw={600}>Вопрос {n}</Text>
          {!locked && (
            <Group gap={4} wrap="nowrap">
              <ActionIcon
                variant="subtle"
                size={44}
                aria-label={`Поднять вопрос ${n}`}
                disabled={index === 0}
                onClick={() => onMove(-1)}
              >
                ↑
              </ActionIcon>
              <ActionIcon
                variant="subtle"
                size={44}
                aria-label={`Опустить вопрос ${n}`}
                disabled={index === count - 1}
                onClick={() => onMove(1)}
              >
                ↓
              </ActionIcon>
              <ActionIcon
                variant="subtle"
                color="red"
                size={44}
                aria-label={`Удалить вопрос ${n}`}
                onClick={onRemove}
              >
                ✕
              </ActionIcon>
            </Group>
          )}
        </Group>
        <Textarea
          label="Текст вопроса"
          autosize
          minRows={2}
          maxLength={2000}
          disabled={locked}
          value={q.text}
          error={at('text') ?? at('code')}
          onChange={(event) => set({ text: event.currentTarget.value })}
        />
        <Select
          label="Тип ответа"
          data={TYPE_OPTIONS}
          value={q.type}
          allowDeselect={false}
          disabled={locked}
          error={at('type')}
          onChange={(type) => {
            const next = (type ?? 'single') as QuestionType;
            const options =
              (next === 'single' || next === 'multiple') && q.options.length === 0
                ? ['', '']
                : q.options;
            set({ type: next, options, correct: null });
          }}
        />
        {choice && (
          <Stack gap="xs">
            <Text size="sm" fw={500}>
              Варианты ответа
            </Text>
            {q.options.map((option, k) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: options are edited in place, by position
              <Group key={k} gap="xs" wrap="nowrap" align="flex-end">
                <TextInput
                  style={{ flex: 1 }}
                  aria-label={`Вариант ${k + 1} вопроса ${n}`}
                  maxLength={300}
                  disabled={locked}
                  value={option}
                  onChange={(event) => setOption(k, event.currentTarget.value)}
                />
                {!locked && (
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size={44}
                    aria-label={`Удалить вариант ${k + 1} вопроса ${n}`}
                    onClick={() => set({ options: q.options.filter((_, j) => j !== k) })}
                  >
                    ✕
                  </ActionIcon>
                )}
              </Group>
            ))}
            {at('options') && (
              <Text size="sm" c="red.8" role="alert">
                {at('options')}
              </Text>
            )}
            {!locked && (
              <Button
                variant="light"
                size="sm"
                mih={44}
                onClick={() => set({ options: [...q.options, ''] })}
              >
                Добавить вариант
              </Button>
            )}
          </Stack>
        )}
        {q.type === 'scale' && (
          <Group grow>
            <NumberInput
              label="От"
              allowDecimal={false}
              disabled={locked}
              value={q.min}
              error={at('min')}
              onChange={(v) => set({ min: typeof v === 'number' ? v : '' })}
            />
            <NumberInput
              label="До"
              allowDecimal={false}
              disabled={locked}
              value={q.max}
              error={at('max')}
              onChange={(v) => set({ max: typeof v === 'number' ? v : '' })}
            />
          </Group>
        )}
        <Switch
          label="Обязательный вопрос"
          disabled={locked}
          checked={q.required}
          onChange={(event) => set({ required: event.currentTarget.checked })}
        />
        {kind === 'test' && q.type !== 'text' && (
          <Correct question={q} n={n} locked={locked} error={at('correct')} set={set} />
        )}
      </Stack>
    </Paper>
  );
}

interface CorrectProps {
  question: DraftQuestion;
  n: number;
  locked: boolean;
  error: string | undefined;
  set: (patch: Partial<DraftQuestion>) => void;
}

/** A test's right answer: one option, the set of options, or a mark of the scale. */
function Correct({ question: q, n, locked, error, set }: CorrectProps) {
  const label = `Правильный ответ на вопрос ${n}`;
  const named = q.options.filter((o) => o.trim() !== '');
  if (q.type === 'scale') {
    return (
      <NumberInput
        label={label}
        description="Пусто — вопрос без баллов"
        allowDecimal={false}
        disabled={locked}
        value={typeof q.correct === 'number' ? q.correct : ''}
        error={error}
        onChange={(v) => set({ correct: typeof v === 'number' ? v : null })}
      />
    );
  }
  if (q.type === 'single') {
    return (
      <Radio.Group
        label={label}
        value={typeof q.correct === 'string' ? q.correct : null}
        error={error}
        onChange={(correct) => set({ correct })}
      >
        <Stack gap="xs" mt="xs">
          {named.map((o) => (
            <Radio key={o} value={o} label={o} disabled={locked} />
          ))}
        </Stack>
      </Radio.Group>
    );
  }
  return (
    <Checkbox.Group
      label={label}
      value={Array.isArray(q.correct) ? q.correct : []}
      error={error}
      onChange={(correct) => set({ correct: correct.length > 0 ? correct : null })}
    >
      <Stack gap="xs" mt="xs">
        {named.map((o) => (
          <Checkbox key={o} value={o} label={o} disabled={locked} />
        ))}
      </Stack>
    </Checkbox.Group>
  );
}
