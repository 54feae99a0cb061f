import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';
import { isApiError } from '../api/client';

export function PageLoader({ label = 'Загрузка…' }: { label?: string }) {
  return (
    <Center py="xl" role="status">
      <Stack align="center" gap="xs">
        <Loader aria-hidden />
        <Text c="dimmed" size="sm">
          {label}
        </Text>
      </Stack>
    </Center>
  );
}

export const errorMessage = (error: unknown): string =>
  isApiError(error) ? error.message : 'Что-то пошло не так. Попробуйте ещё раз.';

export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <Alert color="red" title="Не удалось загрузить данные" role="alert">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{errorMessage(error)}</Text>
        {onRetry && (
          <Button size="xs" variant="light" color="red" onClick={onRetry}>
            Повторить
          </Button>
        )}
      </Stack>
    </Alert>
  );
}
