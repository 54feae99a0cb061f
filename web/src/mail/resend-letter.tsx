import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { type LetterDetail, quoted } from '@profreestr/contracts';
import { useState } from 'react';
import { useResendLetter } from '../api/mail';
import { FormModal } from '../components/form-modal';
import { errorMessage } from '../components/query-state';
import { canResend } from './letter-status';

const TITLE = 'Отправить письмо ещё раз';

interface ResendLetterProps {
  letter: LetterDetail;
  /** Said on the page once the letter is back in the queue. */
  onDone: () => void;
}

/**
 * «Отправить ещё раз» of a failed or bounced letter, with a confirmation. The dialog outlives
 * the button: a refusal (409: the letter went out meanwhile) refreshes the letter and is still
 * said.
 */
export function ResendLetter({ letter, onDone }: ResendLetterProps) {
  const [opened, setOpened] = useState(false);
  return (
    <>
      {canResend(letter.status) && (
        <Button variant="light" onClick={() => setOpened(true)} style={{ flexShrink: 0 }}>
          Отправить ещё раз
        </Button>
      )}
      <FormModal opened={opened} onClose={() => setOpened(false)} title={TITLE} size="md">
        {opened && (
          <ResendConfirm
            letter={letter}
            onClose={() => setOpened(false)}
            onDone={() => {
              setOpened(false);
              onDone();
            }}
          />
        )}
      </FormModal>
    </>
  );
}

function ResendConfirm({
  letter,
  onClose,
  onDone,
}: {
  letter: LetterDetail;
  onClose: () => void;
  onDone: () => void;
}) {
  const resend = useResendLetter(letter.id);
  return (
    <Stack gap="md">
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        Письмо {quoted(letter.subject.trim() || 'Без темы')} для <b>{letter.to}</b> снова встанет в
        очередь и уйдёт при следующей попытке отправки.
      </Text>
      {letter.status === 'bounced' && (
        <Text size="sm">
          Почтовый сервис уже вернул это письмо: проверьте адрес получателя, иначе оно вернётся
          снова.
        </Text>
      )}
      {resend.isError && (
        <Alert color="red" role="alert" title="Не удалось отправить">
          {errorMessage(resend.error)}
        </Alert>
      )}
      <Group>
        <Button
          loading={resend.isPending}
          onClick={() => resend.mutate(undefined, { onSuccess: onDone })}
        >
          Отправить
        </Button>
        <Button variant="default" onClick={onClose} disabled={resend.isPending}>
          Отмена
        </Button>
      </Group>
    </Stack>
  );
}
