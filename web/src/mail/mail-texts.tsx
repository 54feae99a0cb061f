import { Text } from '@mantine/core';

export const MAIL_TITLE = 'Почта';

/** Said to a caller without `mail:read`, as the audit journal says it. */
export const MAIL_REFUSAL = 'Почта доступна только администраторам.';

/** Why letters may sit in the queue: no mail server yet. */
export function MailHint() {
  return (
    <Text size="sm" c="dimmed">
      Письма уходят через почтовый сервер; пока он не настроен, они ждут в очереди и не теряются.
    </Text>
  );
}
