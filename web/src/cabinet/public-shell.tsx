import { Anchor, Box, Container, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

export const UNION_NAME = 'Общероссийский Профсоюз образования';

/**
 * The frame of the pages for people outside the staff (a member's cabinet, joining): one
 * narrow column that fits a phone, the union's name on top, no menu.
 */
export function PublicShell({
  children,
  home,
  aside,
}: {
  children: ReactNode;
  /** Where the union's name leads (the cabinet's home); plain text when absent. */
  home?: string;
  /** On the right of the top bar («Выйти»). */
  aside?: ReactNode;
}) {
  return (
    <Box mih="100dvh" bg="gray.0">
      <Box component="header" bg="blue.8" c="white" py={6}>
        <Container size={560} px="md">
          <Group justify="space-between" wrap="nowrap" gap="xs" mih={44}>
            {home ? (
              <Anchor component={Link} to={home} c="white" underline="never" fw={600} lh={1.2}>
                {UNION_NAME}
              </Anchor>
            ) : (
              <Text fw={600} lh={1.2}>
                {UNION_NAME}
              </Text>
            )}
            {aside}
          </Group>
        </Container>
      </Box>
      <Container size={560} px="md" py="lg" component="main">
        {children}
      </Container>
    </Box>
  );
}

/** A short line of help under a form or a step. */
export function Hint({ children }: { children: ReactNode }) {
  return (
    <Text size="sm" c="dimmed">
      {children}
    </Text>
  );
}
