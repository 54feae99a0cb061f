import { Badge } from '@mantine/core';

/** A record's state as a coloured word (an import's, a letter's, a mailing's). */
export function StatusBadge({
  label,
  color,
  size = 'sm',
}: {
  label: string;
  color: string;
  size?: string;
}) {
  return (
    <Badge color={color} variant="light" tt="none" size={size} style={{ flexShrink: 0 }}>
      {label}
    </Badge>
  );
}
