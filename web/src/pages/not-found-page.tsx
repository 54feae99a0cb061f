import { Anchor, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Link } from 'react-router';

export function NotFoundPage({ title = 'Страница не найдена' }: { title?: string }) {
  useDocumentTitle(`${title} — Профреестр`);
  return (
    <Stack align="flex-start" gap="sm" py="xl">
      <Title order={1} size="h2">
        {title}
      </Title>
      <Text c="dimmed">Проверьте адрес или вернитесь к списку организаций.</Text>
      <Anchor component={Link} to="/orgs">
        К организациям
      </Anchor>
    </Stack>
  );
}
