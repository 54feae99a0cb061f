import { Paper, Stack, Text } from '@mantine/core';
import { type AccessLogEntry, roleLabels } from '@profreestr/contracts';
import { formatDateTime } from '../format';

/** Who it was, for the member: staff by name, role and org; the member themself; the system. */
export function actorLines(actor: AccessLogEntry['actor']): { who: string; detail: string | null } {
  switch (actor.kind) {
    case 'staff': {
      const role = actor.role ? `Роль: ${roleLabels[actor.role]}` : null;
      const detail = [role, actor.orgName].filter(Boolean).join(' · ');
      return { who: actor.fullName || 'Сотрудник Профсоюза', detail: detail || null };
    }
    case 'member':
      return { who: 'Вы', detail: null };
    case 'partner':
      return { who: 'Партнёр программы PROFCARDS', detail: null };
    case 'applicant':
      return { who: 'Посетитель сайта', detail: null };
    default:
      return { who: 'Система', detail: 'Автоматическое действие' };
  }
}

/** The entries of «Кто смотрел мои данные», newest first. */
export function AccessLogList({ entries }: { entries: AccessLogEntry[] }) {
  return (
    <Stack
      component="ul"
      gap="sm"
      p={0}
      m={0}
      style={{ listStyle: 'none' }}
      aria-label="Кто смотрел мои данные"
    >
      {entries.map((entry) => {
        const { who, detail } = actorLines(entry.actor);
        return (
          <li key={entry.id}>
            <Paper withBorder radius="md" p="md">
              <Stack gap={2}>
                <Text size="sm" c="dimmed">
                  <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
                </Text>
                <Text fw={600}>{entry.label}</Text>
                <Text style={{ overflowWrap: 'anywhere' }}>{who}</Text>
                {detail && (
                  <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                    {detail}
                  </Text>
                )}
              </Stack>
            </Paper>
          </li>
        );
      })}
    </Stack>
  );
}
