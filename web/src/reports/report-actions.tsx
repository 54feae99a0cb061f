import { Alert, Button, Group, List, Stack, Text, Textarea } from '@mantine/core';
import type { Report } from '@profreestr/contracts';
import { type FormEvent, useState } from 'react';
import { isApiError } from '../api/client';
import { useAcceptReport, useReturnReport, useSubmitReport } from '../api/reports';
import { FormModal } from '../components/form-modal';
import { errorMessage } from '../components/query-state';
import { useUnsavedChanges } from '../components/unsaved-changes';

export const RETURN_TITLE = 'Вернуть на доработку';
const COMMENT_MAX = 2000;

type Done = 'submitted' | 'accepted' | 'returned';
const DONE_TEXT: Record<Done, string> = {
  submitted: 'Отчёт сдан. Вышестоящая организация проверит его и примет или вернёт.',
  accepted: 'Отчёт принят.',
  returned: 'Отчёт возвращён на доработку. Председатель получит письмо с комментарием.',
};

/** A refusal: its message, and each detail (the failing rules of a submit) as a list. */
function Refusal({ title, error }: { title: string; error: unknown }) {
  const details = isApiError(error) ? error.details.map((d) => d.message).filter(Boolean) : [];
  return (
    <Alert color="red" role="alert" title={title}>
      <Stack gap={4}>
        <Text size="sm">{errorMessage(error)}</Text>
        {details.length > 0 && (
          <List size="sm" spacing={2} aria-label="Не выполнены условия">
            {details.map((message) => (
              <List.Item key={message}>{message}</List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Alert>
  );
}

interface ReportActionsProps {
  report: Report;
  /** Sends the cells still waiting for the autosave; false when they were not saved. */
  flush: () => Promise<boolean>;
}

/**
 * «Сдать отчёт», «Принять», «Вернуть на доработку»: each only where `report.allowed` says so
 * (the server's answer, never the role). Submitting first saves what is still being typed.
 */
export function ReportActions({ report, flush }: ReportActionsProps) {
  const submit = useSubmitReport(report.id);
  const accept = useAcceptReport(report.id);
  const [returning, setReturning] = useState(false);
  const [done, setDone] = useState<Done | null>(null);
  const [unsaved, setUnsaved] = useState(false);
  const { allowed } = report;

  const onSubmit = async () => {
    setDone(null);
    setUnsaved(false);
    accept.reset();
    if (!(await flush())) {
      setUnsaved(true);
      return;
    }
    submit.mutate(undefined, { onSuccess: () => setDone('submitted') });
  };

  const onAccept = () => {
    setDone(null);
    submit.reset();
    accept.mutate(undefined, { onSuccess: () => setDone('accepted') });
  };

  if (!allowed.submit && !allowed.accept && !allowed.return && !done && !submit.isError) {
    return null;
  }

  return (
    <Stack gap="sm">
      {done && (
        <Alert color="teal" role="status" title="Готово">
          {DONE_TEXT[done]}
        </Alert>
      )}
      {unsaved && (
        <Alert color="red" role="alert" title="Отчёт не сдан">
          Не все изменения сохранены. Исправьте выделенные ячейки и попробуйте снова.
        </Alert>
      )}
      {submit.isError && <Refusal title="Отчёт не сдан" error={submit.error} />}
      {accept.isError && <Refusal title="Отчёт не принят" error={accept.error} />}
      <Group gap="sm">
        {allowed.submit && (
          <Button onClick={() => void onSubmit()} loading={submit.isPending}>
            Сдать отчёт
          </Button>
        )}
        {allowed.accept && (
          <Button color="teal" onClick={onAccept} loading={accept.isPending}>
            Принять
          </Button>
        )}
        {allowed.return && (
          <Button variant="light" color="orange" onClick={() => setReturning(true)}>
            {RETURN_TITLE}
          </Button>
        )}
      </Group>
      <FormModal
        opened={returning}
        onClose={() => setReturning(false)}
        title={RETURN_TITLE}
        size="md"
      >
        {returning && (
          <ReturnForm
            report={report}
            onClose={() => setReturning(false)}
            onDone={() => {
              setReturning(false);
              setDone('returned');
            }}
          />
        )}
      </FormModal>
    </Stack>
  );
}

interface ReturnFormProps {
  report: Report;
  onClose: () => void;
  onDone: () => void;
}

/** What to fix, required: the chairman gets it in a letter and sees it on the report. */
function ReturnForm({ report, onClose, onDone }: ReturnFormProps) {
  const back = useReturnReport(report.id);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const leave = useUnsavedChanges(comment.trim() !== '' && !back.isSuccess);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const text = comment.trim();
    if (!text) {
      setError('Напишите, что исправить');
      return;
    }
    back.mutate({ comment: text }, { onSuccess: onDone });
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label={RETURN_TITLE}>
      <Stack gap="md">
        <Text size="sm">
          Отчёт организации «{report.orgName}» вернётся председателю, и его снова можно будет
          править.
        </Text>
        {back.isError && <Refusal title="Отчёт не возвращён" error={back.error} />}
        <Textarea
          label="Что исправить"
          required
          autosize
          minRows={3}
          maxRows={8}
          maxLength={COMMENT_MAX}
          value={comment}
          error={error ?? undefined}
          onChange={(event) => {
            setComment(event.currentTarget.value);
            setError(null);
          }}
        />
        <Group>
          <Button type="submit" color="orange" loading={back.isPending}>
            Вернуть
          </Button>
          <Button variant="default" onClick={() => leave(onClose)} disabled={back.isPending}>
            Отмена
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
