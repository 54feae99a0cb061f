import { Button, Card, Group, Stack, Text } from '@mantine/core';
import type { Org, OrgLevel, OrgStatus } from '@profreestr/contracts';
import { OrgFacts, OrgSearch } from './org-search';

interface OrgPickerProps {
  label: string;
  value: Org | null;
  onChange: (org: Org | null) => void;
  level?: OrgLevel | undefined;
  status?: OrgStatus | undefined;
  unavailable?: (org: Org) => string | null;
}

/** Chooses one org with the search; once chosen, the results fold into the choice. */
export function OrgPicker({ label, value, onChange, ...search }: OrgPickerProps) {
  if (!value) {
    return <OrgSearch label={label} visibleLabel onPick={onChange} {...search} />;
  }
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      <Card withBorder padding="sm" radius="md" aria-label={`Выбрано: ${value.name}`} role="group">
        <Text fw={500} style={{ overflowWrap: 'anywhere' }}>
          {value.name}
        </Text>
        <OrgFacts org={value} />
      </Card>
      <Group>
        <Button variant="subtle" size="xs" px={0} onClick={() => onChange(null)}>
          Выбрать другую
        </Button>
      </Group>
    </Stack>
  );
}
