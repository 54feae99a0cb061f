import { Text } from '@mantine/core';
import { formatWait } from './use-retry-countdown';

/** The countdown under a form locked by a 429 («Повторить можно через 25 с»); nothing at 0. */
export function RetryWait({
  wait,
  action = 'Повторить',
  centered = false,
}: {
  wait: number;
  action?: string;
  centered?: boolean;
}) {
  if (wait <= 0) return null;
  return (
    <Text size="sm" c="dimmed" ta={centered ? 'center' : undefined}>
      {action} можно через {formatWait(wait)}
    </Text>
  );
}
