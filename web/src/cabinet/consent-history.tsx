import { Stack, Text } from '@mantine/core';
import { type ConsentEntry, consentTexts } from '@profreestr/contracts';
import { formatDateTime } from '../format';
import { consentByLabels, newestFirst } from './consents';

/** Every grant and withdrawal, newest first: when, what, given or withdrawn, which wording. */
export function ConsentHistory({ ledger }: { ledger: ConsentEntry[] }) {
  if (ledger.length === 0) {
    return <Text c="dimmed">Записей пока нет.</Text>;
  }
  return (
    <Stack
      component="ul"
      gap="sm"
      p={0}
      m={0}
      style={{ listStyle: 'none' }}
      aria-label="История согласий"
    >
      {newestFirst(ledger).map((entry) => (
        <Stack component="li" gap={0} key={`${entry.at}-${entry.kind}-${entry.granted}`}>
          <Text size="sm" c="dimmed">
            <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
          </Text>
          <Text>
            {consentTexts[entry.kind].title}:{' '}
            <Text span fw={600} c={entry.granted ? 'teal.8' : 'red.8'}>
              {entry.granted ? 'дано' : 'отозвано'}
            </Text>
          </Text>
          <Text size="sm" c="dimmed">
            Редакция текста {entry.version}; {consentByLabels[entry.by]}
          </Text>
        </Stack>
      ))}
    </Stack>
  );
}
