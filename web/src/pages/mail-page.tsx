import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useCan } from '../auth/use-auth';
import { LetterList } from '../mail/letter-list';
import { MailFilters } from '../mail/mail-filters';
import { useMailParams } from '../mail/mail-params';
import { MAIL_REFUSAL, MAIL_TITLE, MailHint } from '../mail/mail-texts';

/** The outbox over the admin's subtree, newest first: what went out, what waits, what failed. */
export function MailPage() {
  useDocumentTitle(`${MAIL_TITLE} — Профреестр`);
  const can = useCan();
  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Title order={1} size="h2">
          {MAIL_TITLE}
        </Title>
        {can('mail:read') && <MailHint />}
      </Stack>
      {can('mail:read') ? <Outbox /> : <Text c="dimmed">{MAIL_REFUSAL}</Text>}
    </Stack>
  );
}

function Outbox() {
  const { filters, set, clear } = useMailParams();
  const filtered = Object.values(filters).some(Boolean);
  return (
    <Stack gap="sm">
      <MailFilters filters={filters} set={set} />
      {filtered && (
        <Group gap="xs">
          <Button variant="subtle" size="compact-sm" onClick={clear}>
            Сбросить фильтры
          </Button>
        </Group>
      )}
      <LetterList filters={filters} filtered={filtered} />
    </Stack>
  );
}
