import { Badge, Card, Group, Stack, Text } from '@mantine/core';
import { type SurveyListItem, surveyKindLabels } from '@profreestr/contracts';
import { Link } from 'react-router';
import { formatCount, formatPercent } from '../format';
import { stateColors, stateLabels, surveyPath, windowText } from './survey-format';

/** The staff's list: title, kind and state, the window, who answered of the invited. */
export function SurveyList({ surveys }: { surveys: readonly SurveyListItem[] }) {
  if (surveys.length === 0) return <Text c="dimmed">Опросов пока нет.</Text>;
  return (
    <Stack gap="sm" component="ul" aria-label="Опросы" p={0} m={0} style={{ listStyle: 'none' }}>
      {surveys.map((s) => (
        <li key={s.id} aria-label={s.title}>
          <Card withBorder component={Link} to={surveyPath(s.id)} padding="md" mih={44}>
            <Stack gap={4}>
              <Text fw={600}>{s.title}</Text>
              <Group gap="xs">
                <Badge variant="light">{surveyKindLabels[s.kind]}</Badge>
                <Badge variant="light" color={stateColors[s.state]}>
                  {stateLabels[s.state]}
                </Badge>
                {s.anonymous && (
                  <Badge variant="outline" color="gray">
                    Анонимно
                  </Badge>
                )}
              </Group>
              <Text size="xs" c="dimmed">
                {s.orgName} · {windowText(s.opensAt, s.closesAt)}
              </Text>
              {s.status !== 'draft' && (
                <Text size="sm">
                  Ответили {formatCount(s.respondents)} из {formatCount(s.invited)} (
                  {formatPercent(s.respondents, s.invited)})
                </Text>
              )}
            </Stack>
          </Card>
        </li>
      ))}
    </Stack>
  );
}
