import { Badge, CloseButton } from '@mantine/core';
import { quoted } from '@profreestr/contracts';

/** A filter that came with a link (not from the inputs above): shown, and removable. */
export function FilterChip({ label, onRemove }: { label: string; onRemove: () => void }) {
  return (
    <Badge
      variant="light"
      size="lg"
      tt="none"
      maw="100%"
      pr={4}
      rightSection={
        <CloseButton
          size="sm"
          variant="transparent"
          aria-label={`Убрать фильтр ${quoted(label)}`}
          onClick={onRemove}
        />
      }
    >
      {label}
    </Badge>
  );
}
