import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { type Mailing, quoted } from '@profreestr/contracts';
import { useState } from 'react';
import { useSendMailing } from '../api/mailings';
import { FormModal } from '../components/form-modal';
import { errorMessage } from '../components/query-state';
import { formatCount, plural } from '../format';
import { receivingCount, subjectText } from './mailing-format';

export const SEND_TITLE = 'Отправить рассылку';

/**
 * «Отправить» of a draft, with a confirmation that says how many will get the letter. The
 * dialog outlives the button: a refusal (409: sent meanwhile) refreshes the page and is said.
 */
export function SendMailing({ mailing }: { mailing: Mailing }) {
  const [opened, setOpened] = useState(false);
  return (
    <>
      {mailing.status === 'draft' && (
        <Button onClick={() => setOpened(true)} style={{ flexShrink: 0 }}>
          Отправить
        </Button>
      )}
      <FormModal opened={opened} onClose={() => setOpened(false)} title={SEND_TITLE} size="md">
        {opened && <SendConfirm mailing={mailing} onClose={() => setOpened(false)} />}
      </FormModal>
    </>
  );
}

function SendConfirm({ mailing, onClose }: { mailing: Mailing; onClose: () => void }) {
  const send = useSendMailing(mailing.id);
  const receiving = receivingCount(mailing.recipients);
  const skipped = mailing.recipients.total - receiving;
  return (
    <Stack gap="md">
      {receiving > 0 ? (
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          Письмо {quoted(subjectText(mailing.subject))} получат{' '}
          <b>
            {formatCount(receiving)} {plural(receiving, 'человек', 'человека', 'человек')}
          </b>
          .
          {skipped > 0 &&
            ` Ещё ${formatCount(skipped)} ${plural(skipped, 'получатель', 'получателя', 'получателей')} без e-mail или согласия на письма останутся без письма.`}{' '}
          Отменить отправку будет нельзя.
        </Text>
      ) : (
        <Text size="sm">
          Письмо не получит никто: ни у кого из получателей нет e-mail с согласием на письма.
        </Text>
      )}
      {send.isError && (
        <Alert color="red" role="alert" title="Не удалось отправить">
          {errorMessage(send.error)}
        </Alert>
      )}
      <Group>
        {receiving > 0 && (
          <Button
            loading={send.isPending}
            onClick={() => send.mutate(undefined, { onSuccess: onClose })}
          >
            Отправить
          </Button>
        )}
        <Button variant="default" onClick={onClose} disabled={send.isPending}>
          {receiving > 0 ? 'Отмена' : 'Закрыть'}
        </Button>
      </Group>
    </Stack>
  );
}
