import { Badge, Card, Group, Stack, Text } from '@mantine/core';
import { type AssignedSurvey, surveyKindLabels } from '@profreestr/contracts';
import { Link } from 'react-router';
import { stateColors, stateLabels, windowText } from './survey-format';

// The surveys a respondent is invited to: those waiting for an answer first, then the rest.

const waiting = (s: AssignedSurvey) => s.state === 'open' && !s.answered;

export function AssignedSurveyList({
  surveys,
  pathOf,
  label,
}: {
  surveys: readonly AssignedSurvey[];
  pathOf: (id: string) => string;
  label: string;
}) {
  if (surveys.length === 0) {
    return <Text c="dimmed">Приглашений на опросы пока нет.</Text>;
  }
  const ordered = [...surveys.filter(waiting), ...surveys.filter((s) => !waiting(s))];
  return (
    <Stack gap="sm" component="ul" aria-label={label} p={0} m={0} style={{ listStyle: 'none' }}>
      {ordered.map((s) => (
        <li key={s.id} aria-label={s.title}>
          <Card withBorder component={Link} to={pathOf(s.id)} padding="md" mih={44}>
            <Stack gap={4}>
              <Text fw={600}>{s.title}</Text>
              <Group gap="xs">
                <Badge variant="light">{surveyKindLabels[s.kind]}</Badge>
                {s.answered ? (
                  <Badge color="green" variant="light">
                    Вы ответили
                  </Badge>
                ) : (
                  <Badge color={stateColors[s.state]} variant="light">
                    {waiting(s) ? 'Ждёт ответа' : stateLabels[s.state]}
                  </Badge>
                )}
              </Group>
              <Text size="xs" c="dimmed">
                {windowText(s.opensAt, s.closesAt)}
              </Text>
            </Stack>
          </Card>
        </li>
      ))}
    </Stack>
  );
}
