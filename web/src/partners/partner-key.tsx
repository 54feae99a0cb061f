import { Alert, Button, Code, Group, Stack, Text, Title } from '@mantine/core';
import type { Partner } from '@profreestr/contracts';
import { useState } from 'react';
import { type PartnerWithKey, useRevokeKey, useRotateKey } from '../api/partners';
import { FormModal } from '../components/form-modal';
import { errorMessage } from '../components/query-state';
import { formatDateTime } from '../format';
import { ApiKeyModal } from './api-key-modal';

type Asking = 'rotate' | 'revoke' | null;

/**
 * The partner's API key: its first characters (for support), a new one (the old stops working
 * at once; the new is shown once) and revoking it, each after a question.
 */
export function PartnerKey({ partner }: { partner: Partner }) {
  const [asking, setAsking] = useState<Asking>(null);
  const [shown, setShown] = useState<PartnerWithKey | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const hasKey = partner.keyPrefix !== null;

  return (
    <Stack gap="sm" component="section" aria-labelledby="partner-key">
      <Title order={2} size="h4" id="partner-key">
        Ключ API
      </Title>
      {hasKey ? (
        <Text size="sm">
          Действует ключ <Code>{partner.keyPrefix}…</Code>
          {partner.keyCreatedAt ? `, выпущен ${formatDateTime(partner.keyCreatedAt)}` : ''}.
        </Text>
      ) : (
        <Text size="sm">Ключа нет: программа партнёра не может обращаться к API.</Text>
      )}
      {notice && (
        <Alert
          color="teal"
          role="status"
          withCloseButton
          closeButtonLabel="Закрыть"
          onClose={() => setNotice(null)}
        >
          {notice}
        </Alert>
      )}
      <Group gap="xs">
        <Button variant="light" onClick={() => setAsking('rotate')}>
          {hasKey ? 'Выпустить новый ключ' : 'Выпустить ключ'}
        </Button>
        {hasKey && (
          <Button variant="light" color="red" onClick={() => setAsking('revoke')}>
            Отозвать ключ
          </Button>
        )}
      </Group>
      <FormModal
        opened={asking !== null}
        onClose={() => setAsking(null)}
        title={asking === 'revoke' ? 'Отозвать ключ' : 'Новый ключ'}
        size="md"
      >
        {asking === 'rotate' && (
          <RotateConfirm
            partner={partner}
            onClose={() => setAsking(null)}
            onDone={(result) => {
              setAsking(null);
              setNotice(null);
              setShown(result);
            }}
          />
        )}
        {asking === 'revoke' && (
          <RevokeConfirm
            partner={partner}
            onClose={() => setAsking(null)}
            onDone={() => {
              setAsking(null);
              setNotice('Ключ отозван.');
            }}
          />
        )}
      </FormModal>
      <ApiKeyModal shown={shown} onClose={() => setShown(null)} />
    </Stack>
  );
}

interface ConfirmProps<T> {
  partner: Partner;
  onClose: () => void;
  onDone: (result: T) => void;
}

function RotateConfirm({ partner, onClose, onDone }: ConfirmProps<PartnerWithKey>) {
  const rotate = useRotateKey(partner.id);
  return (
    <Stack gap="md">
      <Text size="sm">
        Будет выпущен новый ключ для партнёра <b>{partner.name}</b>.
        {partner.keyPrefix && ' Прежний ключ сразу перестанет действовать.'} Новый ключ будет
        показан один раз.
      </Text>
      {rotate.isError && (
        <Alert color="red" role="alert" title="Не удалось выпустить ключ">
          {errorMessage(rotate.error)}
        </Alert>
      )}
      <Group>
        <Button
          loading={rotate.isPending}
          onClick={() => rotate.mutate(undefined, { onSuccess: onDone })}
        >
          Выпустить
        </Button>
        <Button variant="default" onClick={onClose} disabled={rotate.isPending}>
          Отмена
        </Button>
      </Group>
    </Stack>
  );
}

function RevokeConfirm({ partner, onClose, onDone }: ConfirmProps<Partner>) {
  const revoke = useRevokeKey(partner.id);
  return (
    <Stack gap="md">
      <Text size="sm">
        Ключ партнёра <b>{partner.name}</b> перестанет действовать сразу: его программа не сможет
        проверять карты и сообщать о покупках, пока не будет выпущен новый ключ.
      </Text>
      {revoke.isError && (
        <Alert color="red" role="alert" title="Не удалось отозвать ключ">
          {errorMessage(revoke.error)}
        </Alert>
      )}
      <Group>
        <Button
          color="red"
          loading={revoke.isPending}
          onClick={() => revoke.mutate(undefined, { onSuccess: onDone })}
        >
          Отозвать
        </Button>
        <Button variant="default" onClick={onClose} disabled={revoke.isPending}>
          Отмена
        </Button>
      </Group>
    </Stack>
  );
}
