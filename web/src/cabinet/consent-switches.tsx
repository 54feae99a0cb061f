import { Alert, Button, Group, Modal, Paper, Stack, Switch, Text } from '@mantine/core';
import {
  type ConsentEntry,
  type ConsentKind,
  consentKinds,
  consentTexts,
  type Member,
} from '@profreestr/contracts';
import { useState } from 'react';
import { useChangeConsent } from '../api/cabinet';
import { errorMessage } from '../components/query-state';
import { formatDateTime } from '../format';
import { consentState, newestOf } from './consents';

export const PD_WITHDRAW_TITLE = 'Отозвать согласие на обработку персональных данных?';

/**
 * A switch per consent (`POST /cabinet/consents { kind, granted }`); withdrawing the consent to
 * process personal data is asked about first, its consequences said plainly.
 */
export function ConsentSwitches({ member, ledger }: { member: Member; ledger: ConsentEntry[] }) {
  const change = useChangeConsent();
  const [askingPd, setAskingPd] = useState(false);
  const state = consentState(member, ledger);
  const pending = change.isPending ? change.variables : undefined;
  const failed = change.isError ? change.variables : undefined;

  const send = (kind: ConsentKind, granted: boolean) => change.mutate({ kind, granted });
  const toggle = (kind: ConsentKind, granted: boolean) => {
    if (kind === 'pd' && !granted) setAskingPd(true);
    else send(kind, granted);
  };

  return (
    <Stack gap="sm">
      {consentKinds.map((kind) => {
        const { title, text } = consentTexts[kind];
        const last = newestOf(ledger, kind);
        return (
          <Paper key={kind} withBorder radius="md" p="md">
            <Stack gap="xs">
              <Switch
                size="md"
                label={title}
                // The title names it; the wording is its description (not a name that long).
                aria-label={title}
                description={text}
                checked={pending?.kind === kind ? pending.granted : state[kind]}
                disabled={change.isPending}
                onChange={(event) => toggle(kind, event.currentTarget.checked)}
                styles={{
                  label: { fontWeight: 600 },
                  description: { fontSize: 'var(--mantine-font-size-sm)' },
                }}
              />
              {last && (
                <Text size="xs" c="dimmed">
                  {last.granted ? 'Дано' : 'Отозвано'} {formatDateTime(last.at)}
                </Text>
              )}
              {failed?.kind === kind && (
                <Alert color="red" role="alert" p="xs">
                  Не получилось: {errorMessage(change.error)}
                </Alert>
              )}
            </Stack>
          </Paper>
        );
      })}

      <Modal
        opened={askingPd}
        onClose={() => setAskingPd(false)}
        title={PD_WITHDRAW_TITLE}
        centered
        closeButtonProps={{ 'aria-label': 'Закрыть' }}
        styles={{ title: { fontWeight: 600 } }}
      >
        <Stack gap="md">
          <Text>
            Если вы отзовёте согласие, в вашей карточке будет отмечено, что согласия нет.
            Председатель вашей профсоюзной организации увидит это и может связаться с вами, чтобы
            решить, как дальше вести ваш учёт.
          </Text>
          <Text>Дать согласие снова можно здесь же в любой момент.</Text>
          <Group grow>
            <Button
              color="red"
              size="md"
              onClick={() => {
                setAskingPd(false);
                send('pd', false);
              }}
            >
              Отозвать
            </Button>
            <Button variant="default" size="md" onClick={() => setAskingPd(false)}>
              Не отзывать
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
