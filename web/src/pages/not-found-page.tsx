import { Anchor, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Link } from 'react-router';

interface NotFoundPageProps {
  title?: string;
  /** Where to go instead; the list of organizations unless told. */
  back?: { to: string; label: string };
}

const TO_ORGS = { to: '/orgs', label: 'К организациям' };

export function NotFoundPage({ title = 'Страница не найдена', back = TO_ORGS }: NotFoundPageProps) {
  useDocumentTitle(`${title} — Профреестр`);
  return (
    <Stack align="flex-start" gap="sm" py="xl">
      <Title order={1} size="h2">
        {title}
      </Title>
      <Text c="dimmed">Проверьте адрес или вернитесь к списку.</Text>
      <Anchor component={Link} to={back.to}>
        {back.label}
      </Anchor>
    </Stack>
  );
}
