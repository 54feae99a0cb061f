import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Link } from 'react-router';
import { useCan } from '../auth/use-auth';
import { COMPOSE_TITLE } from '../mailings/mailing-form';
import { MAILINGS_REFUSAL, MAILINGS_TITLE, NEW_MAILING_PATH } from '../mailings/mailing-format';
import { MailingList } from '../mailings/mailing-list';

/** Mailings of the caller's subtree, newest first, and «Новая рассылка». */
export function MailingsPage() {
  useDocumentTitle(`${MAILINGS_TITLE} — Профреестр`);
  const can = useCan();
  return (
    <Stack gap="md">
      <Group justify="space-between" align="center" gap="sm">
        <Title order={1} size="h2">
          {MAILINGS_TITLE}
        </Title>
        {can('mailing:create') && (
          <Button component={Link} to={NEW_MAILING_PATH}>
            {COMPOSE_TITLE}
          </Button>
        )}
      </Group>
      {can('mailing:read') ? (
        <>
          <Text size="sm" c="dimmed">
            Письма членам Профсоюза и председателям организаций: только тем, у кого есть e-mail и
            согласие на письма.
          </Text>
          <MailingList />
        </>
      ) : (
        <Text c="dimmed">{MAILINGS_REFUSAL}</Text>
      )}
    </Stack>
  );
}
