import { Text } from '@mantine/core';

/** A passport value; a missing one stands out, since unfilled data is the union's main pain. */
export function ValueText({ text }: { text: string | null }) {
  if (text === null) {
    return (
      <Text span size="sm" c="orange.9" fs="italic" data-missing>
        не заполнено
      </Text>
    );
  }
  return (
    <Text span size="sm" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-line' }}>
      {text}
    </Text>
  );
}
