import { Button, CopyButton, Stack, Text, Textarea } from '@mantine/core';
import type { MfaSignedInResponse } from '@profreestr/contracts';
import type { ReactNode } from 'react';
import { useMfaEnable, useMfaSetup } from '../api/account';
import { PageLoader, QueryError } from '../components/query-state';
import { CodeForm } from './code-form';
import { QrCode } from './qr-code';

export const SECRET_LABEL = 'Ключ для ввода вручную';
export const ENROLL_INSTRUCTION =
  'Отсканируйте код в приложении-аутентификаторе (Яндекс Ключ, Google Authenticator и др.) и введите 6 цифр';

/** «ABCD EFGH IJKL …»: easier to type into an app by hand. */
export const groupSecret = (secret: string) => secret.replace(/(.{4})(?=.)/g, '$1 ');

interface MfaEnrollProps {
  /** The second factor is on: the recovery codes are in the response, to be shown once. */
  onEnabled: (result: MfaSignedInResponse) => void;
  /** Buttons next to «Подтвердить» (Отмена). */
  children?: ReactNode;
  /** Puts the cursor into the code input (a page step, not a dialog). */
  focus?: boolean;
}

/** Enrolment: a new secret as a QR code and as text, confirmed by the app's first code. */
export function MfaEnroll({ onEnabled, children, focus }: MfaEnrollProps) {
  const setup = useMfaSetup();
  const enable = useMfaEnable();

  if (setup.isPending) return <PageLoader label="Готовим ключ…" />;
  if (setup.isError) {
    return (
      <Stack gap="md" align="flex-start">
        <QueryError error={setup.error} onRetry={() => setup.refetch()} />
        {children}
      </Stack>
    );
  }

  const { secret, otpauthUrl } = setup.data;
  return (
    <Stack gap="md">
      <Text size="sm">{ENROLL_INSTRUCTION}</Text>
      <QrCode value={otpauthUrl} label="QR-код для приложения-аутентификатора" />
      <Stack gap={6} align="flex-start">
        <Textarea
          label={SECRET_LABEL}
          description="Если отсканировать не получается"
          value={groupSecret(secret)}
          readOnly
          autosize
          minRows={1}
          w="100%"
          onFocus={(event) => event.currentTarget.select()}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
        />
        <CopyButton value={secret}>
          {({ copied, copy }) => (
            <Button variant="default" size="xs" color={copied ? 'teal' : undefined} onClick={copy}>
              {copied ? 'Ключ скопирован' : 'Скопировать ключ'}
            </Button>
          )}
        </CopyButton>
      </Stack>
      <CodeForm
        label="Подтверждение второго фактора"
        submitLabel="Подтвердить"
        errorTitle="Код не подошёл"
        pending={enable.isPending}
        error={enable.error}
        focus={focus}
        onSubmit={(code) => enable.mutate(code, { onSuccess: onEnabled })}
      >
        {children}
      </CodeForm>
    </Stack>
  );
}
