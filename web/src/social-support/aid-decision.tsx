import { Alert, Button, Group, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { type AidDecision, type AidRequest, aidDecisionSchema } from '@profreestr/contracts';
import { type FormEvent, useState } from 'react';
import { useDecideAidRequest } from '../api/aid-requests';
import { isApiError } from '../api/client';
import { placedFormErrors } from '../cabinet/form-errors';
import { FormModal } from '../components/form-modal';
import { errorMessage } from '../components/query-state';
import { useUnsavedChanges } from '../components/unsaved-changes';
import { clearFieldError, FORM_ERRORS_NONE, type FormErrors } from '../passport/api-errors';
import { formatRoubles, parseRoubles } from './money';
import { issueFields } from './social-format';

export const APPROVE_TITLE = 'Одобрить обращение';
export const REJECT_TITLE = 'Отказать в помощи';
const KEYS = ['amount', 'comment'];

/** What is being decided: the request and the decision its button stands for. */
export interface Deciding {
  request: AidRequest;
  decision: AidDecision;
}

interface AidDecisionModalProps {
  deciding: Deciding | null;
  onClose: () => void;
  /** Said on the page once decided. */
  onDone: (notice: string) => void;
}

/** «Одобрить» with the roubles granted, or «Отказать» with the reason the member is told. */
export function AidDecisionModal({ deciding, onClose, onDone }: AidDecisionModalProps) {
  const title = deciding?.decision === 'rejected' ? REJECT_TITLE : APPROVE_TITLE;
  return (
    <FormModal opened={deciding !== null} onClose={onClose} title={title} size="md">
      {deciding && (
        <DecisionForm
          key={`${deciding.request.id}-${deciding.decision}`}
          {...deciding}
          title={title}
          onClose={onClose}
          onDone={onDone}
        />
      )}
    </FormModal>
  );
}

/** An amount for the input: 1500.5 → «1500,50». */
const amountText = (roubles: number | null) =>
  roubles === null ? '' : roubles.toFixed(2).replace('.', ',');

interface FormProps extends Deciding {
  title: string;
  onClose: () => void;
  onDone: (notice: string) => void;
}

function DecisionForm({ request, decision, title, onClose, onDone }: FormProps) {
  const approving = decision === 'approved';
  const initialAmount = approving ? amountText(request.amount) : '';
  const [amount, setAmount] = useState(initialAmount);
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<FormErrors>(FORM_ERRORS_NONE);
  // Decided by someone else meanwhile (409): said plainly, and nothing more to send.
  const [conflict, setConflict] = useState<string | null>(null);
  const decide = useDecideAidRequest();
  const leave = useUnsavedChanges(amount !== initialAmount || comment.trim() !== '');

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const typed = approving ? parseRoubles(amount) : { value: null };
    const parsed = aidDecisionSchema.safeParse({
      decision,
      amount: 'value' in typed ? typed.value : null,
      comment,
    });
    const fields = parsed.success ? {} : issueFields(parsed.error);
    if ('error' in typed) fields.amount = typed.error;
    if (!parsed.success || Object.keys(fields).length > 0) {
      setErrors({ fields, general: null });
      return;
    }
    setErrors(FORM_ERRORS_NONE);
    decide.mutate(
      { id: request.id, ...parsed.data },
      {
        onSuccess: (decided) =>
          onDone(
            decided.status === 'approved'
              ? `Обращение одобрено: ${decided.member.name}${
                  decided.amountGranted === null
                    ? ''
                    : `, назначено ${formatRoubles(decided.amountGranted)}`
                }.`
              : `В помощи отказано: ${decided.member.name}.`,
          ),
        onError: (error) => {
          if (isApiError(error, 409)) setConflict(errorMessage(error));
          else setErrors(placedFormErrors(error, KEYS));
        },
      },
    );
  };

  if (conflict) {
    return (
      <Stack gap="md">
        <Alert color="yellow" role="alert" title="Решение уже принято">
          {conflict.replace(/\.$/, '')}. Список обращений обновлён: там видно, какое решение
          принято.
        </Alert>
        <Group>
          <Button variant="default" onClick={onClose}>
            Закрыть
          </Button>
        </Group>
      </Stack>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate aria-label={title}>
      <Stack gap="md">
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          <b>{request.member.name}</b> просит: «{request.benefit.title}»
          {request.amount === null ? '' : `, ${formatRoubles(request.amount)}`}. Решение придёт
          члену Профсоюза письмом и будет видно в личном кабинете.
        </Text>
        {errors.general && (
          <Alert color="red" role="alert" title="Не удалось сохранить решение">
            {errors.general}
          </Alert>
        )}
        {approving && (
          <TextInput
            label="Назначенная сумма, ₽"
            description={
              request.benefit.kind === 'payment'
                ? 'Для выплаты сумма обязательна'
                : 'Если помощь денежная; иначе оставьте пустым'
            }
            inputMode="decimal"
            autoComplete="off"
            value={amount}
            error={errors.fields.amount || undefined}
            onChange={(event) => {
              setAmount(event.currentTarget.value);
              setErrors((current) => clearFieldError(current, 'amount'));
            }}
          />
        )}
        <Textarea
          label={approving ? 'Комментарий' : 'Причина отказа'}
          description="Член Профсоюза увидит его в письме и в личном кабинете"
          required={!approving}
          autosize
          minRows={3}
          maxRows={8}
          maxLength={2000}
          value={comment}
          error={errors.fields.comment || undefined}
          onChange={(event) => {
            setComment(event.currentTarget.value);
            setErrors((current) => clearFieldError(current, 'comment'));
          }}
        />
        <Group>
          <Button type="submit" color={approving ? undefined : 'red'} loading={decide.isPending}>
            {approving ? 'Одобрить' : 'Отказать'}
          </Button>
          <Button variant="default" onClick={() => leave(onClose)} disabled={decide.isPending}>
            Отмена
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
