import { Alert, Badge, Box, Group, Paper, Stack, Text } from '@mantine/core';
import { formatCardNumber, memberStatusLabels } from '@profreestr/contracts';
import type { ShownCard } from '../api/cabinet';
import { formatDateTime } from '../format';
import { CardQr } from './card-qr';
import { UNION_NAME } from './public-shell';

const CARD_BACKGROUND =
  'linear-gradient(135deg, var(--mantine-color-blue-9) 0%, var(--mantine-color-blue-6) 100%)';

/** «7700 0000 0000 0017»: the 16 digits in fours, as printed on a plastic card. */
export const groupCardNumber = (cardNumber: string) =>
  formatCardNumber(cardNumber.replace(/\D/g, ''));

function Caption({ children }: { children: string }) {
  return (
    <Text size="xs" c="blue.1" tt="uppercase" lh={1.3}>
      {children}
    </Text>
  );
}

/** The virtual card as a card: the number, the holder, the org, the status and the QR code. */
export function VirtualCard({ shown }: { shown: ShownCard }) {
  const { card, savedAt } = shown;
  const active = card.status === 'active';
  const qrExpired = Date.parse(card.qrExpiresAt) <= Date.now();

  return (
    <Stack gap="sm">
      {savedAt && (
        <Alert color="yellow" role="status" title="Нет связи с сервером">
          Показан билет, сохранённый на этом устройстве {formatDateTime(savedAt)}.
          {qrExpired && ' QR-код устарел: подключитесь к интернету, и он обновится.'}
        </Alert>
      )}
      <Paper
        radius="lg"
        p="lg"
        shadow="md"
        c="white"
        style={{ background: CARD_BACKGROUND }}
        role="group"
        aria-label="Электронный профсоюзный билет"
      >
        <Stack gap="md">
          <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
            <Stack gap={0}>
              <Text size="xs" c="blue.1" lh={1.3}>
                {UNION_NAME}
              </Text>
              <Text fw={700} size="lg" lh={1.3}>
                Профсоюзный билет
              </Text>
            </Stack>
            <Badge
              color={active ? 'teal' : 'red'}
              variant="filled"
              size="lg"
              style={{ flexShrink: 0 }}
            >
              {memberStatusLabels[card.status]}
            </Badge>
          </Group>

          <Text
            ff="monospace"
            fz={{ base: 22, xs: 26 }}
            fw={700}
            style={{ letterSpacing: '0.04em', whiteSpace: 'nowrap' }}
            aria-label={`Номер билета ${groupCardNumber(card.cardNumber)}`}
          >
            {groupCardNumber(card.cardNumber)}
          </Text>

          <Stack gap={2}>
            <Caption>Член Профсоюза</Caption>
            <Text fw={600} size="lg" lh={1.3} style={{ overflowWrap: 'anywhere' }}>
              {card.holder}
            </Text>
          </Stack>
          <Stack gap={2}>
            <Caption>Профсоюзная организация</Caption>
            <Text lh={1.3} style={{ overflowWrap: 'anywhere' }}>
              {card.orgName}
            </Text>
          </Stack>

          <Box bg="white" p="xs" mx="auto" style={{ borderRadius: 'var(--mantine-radius-md)' }}>
            <CardQr value={card.qr} />
          </Box>
          <Text size="sm" c="blue.0" ta="center">
            Покажите QR-код партнёру программы PROFCARDS: он проверит, что билет действует.
          </Text>
        </Stack>
      </Paper>
    </Stack>
  );
}
