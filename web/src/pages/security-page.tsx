import { Card, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useAuth } from '../auth/use-auth';
import { MfaSection } from '../security/mfa-section';
import { PasswordForm } from '../security/password-form';

export const SECURITY_TITLE = 'Безопасность';

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb="sm">
        {title}
      </Title>
      {children}
    </Card>
  );
}

/** The signed-in user's own account: the password and the second factor. */
export function SecurityPage() {
  useDocumentTitle(`${SECURITY_TITLE} — Профреестр`);
  const { user } = useAuth();
  return (
    <Stack gap="md" maw={720}>
      <Stack gap={4}>
        <Title order={1} size="h2">
          {SECURITY_TITLE}
        </Title>
        {user && (
          <Text c="dimmed" size="sm">
            Учётная запись: {user.login}
          </Text>
        )}
      </Stack>
      <Section id="security-password" title="Смена пароля">
        <PasswordForm />
      </Section>
      <Section id="security-mfa" title="Второй фактор">
        <MfaSection />
      </Section>
    </Stack>
  );
}
