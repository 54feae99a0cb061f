import { Badge, Button, DataList, Group, Stack, Text, useMatches } from '@mantine/core';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import type { FieldDef } from './field-model';
import { ValueText } from './value-text';

/**
 * A tab that is read or edited in place: after the form closes, «Изменить» has the focus back
 * and a saved change is told under it.
 */
export function useEditing(initial = false) {
  const [editing, setEditing] = useState(initial);
  const [saved, setSaved] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);

  useEffect(() => {
    if (!editing && returnFocus.current) editButton.current?.focus();
    returnFocus.current = false;
  }, [editing]);

  const close = (wasSaved: boolean) => {
    returnFocus.current = true;
    setSaved(wasSaved);
    setEditing(false);
  };

  return { editing, saved, editButton, open: () => setEditing(true), close };
}

interface FieldViewProps {
  editing: ReturnType<typeof useEditing>;
  /** Whether «Изменить» is there. */
  canEdit: boolean;
  badge: ReactNode;
  children: ReactNode;
}

/** The read view of a tab: how complete it is, «Изменить», then the fields. */
export function FieldView({ editing, canEdit, badge, children }: FieldViewProps) {
  return (
    <Stack gap="sm">
      <Group justify="space-between" gap="xs" wrap="wrap">
        {badge}
        {canEdit && (
          <Button ref={editing.editButton} variant="light" onClick={editing.open}>
            Изменить
          </Button>
        )}
      </Group>
      {editing.saved && (
        <Text size="sm" c="teal.8" role="status">
          Изменения сохранены.
        </Text>
      )}
      {children}
    </Stack>
  );
}

export interface FieldRow {
  def: FieldDef;
  /** The shown value; null when empty. */
  text: string | null;
  /** Shown instead of the text, when there is one. */
  view?: ReactNode;
}

/** How many of the rows are filled in. */
export function FilledBadge({ rows }: { rows: FieldRow[] }) {
  const missing = rows.filter((row) => row.text === null).length;
  if (missing === 0) {
    return (
      <Badge color="teal" variant="light" tt="none" size="lg">
        Все поля заполнены
      </Badge>
    );
  }
  return (
    <Badge color="orange" variant="light" tt="none" size="lg">
      Не заполнено полей: {missing} из {rows.length}
    </Badge>
  );
}

export function FieldRows({ rows, labelWidth }: { rows: FieldRow[]; labelWidth: string }) {
  // Labels above values on phones, side by side from the `xs` breakpoint.
  const orientation = useMatches({ base: 'vertical', xs: 'horizontal' } as const);
  return (
    <DataList orientation={orientation} labelWidth={labelWidth} withDivider>
      {rows.map(({ def, text, view }) => (
        <DataList.Item key={def.key}>
          <DataList.ItemLabel>{def.label}</DataList.ItemLabel>
          <DataList.ItemValue>{view || <ValueText text={text} />}</DataList.ItemValue>
        </DataList.Item>
      ))}
    </DataList>
  );
}
