import { Button, Card, Group, Stack, Text } from '@mantine/core';
import type { Org, OrgLevel, OrgRef, OrgStatus, TransferTarget } from '@profreestr/contracts';
import type { ReactNode } from 'react';
import { OrgFacts, OrgParents, OrgSearch, TransferTargetSearch } from './org-search';

interface OrgPickerProps {
  label: string;
  value: Org | null;
  onChange: (org: Org | null) => void;
  level?: OrgLevel | undefined;
  status?: OrgStatus | undefined;
  under?: string | undefined;
  unavailable?: (org: Org) => string | null;
}

/** A chosen org's parents, when it came from the search (which carries them). */
const parentsOf = (org: object): OrgRef[] | undefined =>
  'parents' in org ? (org.parents as OrgRef[]) : undefined;

/** Chooses one org with the search; once chosen, the results fold into the choice. */
export function OrgPicker({ label, value, onChange, ...search }: OrgPickerProps) {
  if (!value) {
    return <OrgSearch label={label} visibleLabel onPick={onChange} {...search} />;
  }
  return (
    <Chosen label={label} name={value.name} onClear={() => onChange(null)}>
      <OrgParents parents={parentsOf(value)} />
      <OrgFacts org={value} />
    </Chosen>
  );
}

interface TransferTargetPickerProps {
  label: string;
  value: TransferTarget | null;
  onChange: (org: TransferTarget | null) => void;
  unavailable?: (org: TransferTarget) => string | null;
}

/** The primary a member is transferred to: any active one of the union, named with its parents. */
export function TransferTargetPicker({
  label,
  value,
  onChange,
  unavailable,
}: TransferTargetPickerProps) {
  if (!value) {
    return <TransferTargetSearch label={label} onPick={onChange} unavailable={unavailable} />;
  }
  return (
    <Chosen label={label} name={value.name} onClear={() => onChange(null)}>
      <OrgParents parents={value.parents} />
    </Chosen>
  );
}

interface ChosenProps {
  label: string;
  name: string;
  onClear: () => void;
  children: ReactNode;
}

function Chosen({ label, name, onClear, children }: ChosenProps) {
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      <Card withBorder padding="sm" radius="md" aria-label={`Выбрано: ${name}`} role="group">
        <Text fw={500} style={{ overflowWrap: 'anywhere' }}>
          {name}
        </Text>
        {children}
      </Card>
      <Group>
        <Button variant="subtle" size="xs" px={0} onClick={onClear}>
          Выбрать другую
        </Button>
      </Group>
    </Stack>
  );
}
