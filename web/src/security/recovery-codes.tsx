import { Button, Code, CopyButton, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';

export const RECOVERY_CODES_TITLE = 'Сохраните резервные коды';
const FILE_NAME = 'profreestr-recovery-codes.txt';

function download(codes: string[]) {
  const text = [
    'Профреестр: резервные коды для входа',
    'Каждый код действует один раз вместо кода из приложения.',
    '',
    ...codes,
    '',
  ].join('\r\n');
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = FILE_NAME;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

interface RecoveryCodesProps {
  codes: string[];
  onDone: () => void;
}

/** The recovery codes, shown once: the user copies or downloads them, then goes on. */
export function RecoveryCodes({ codes, onDone }: RecoveryCodesProps) {
  return (
    <Stack gap="md" component="section" aria-labelledby="recovery-codes-title">
      <Title order={2} size="h4" id="recovery-codes-title">
        {RECOVERY_CODES_TITLE}
      </Title>
      <Text size="sm">
        Если телефон с приложением окажется недоступен, войдите с одним из этих кодов. Каждый код
        действует один раз. Больше коды не покажутся: скопируйте или скачайте их и храните в
        надёжном месте.
      </Text>
      <SimpleGrid
        cols={2}
        spacing="xs"
        component="ul"
        aria-label="Резервные коды"
        p={0}
        m={0}
        style={{ listStyle: 'none' }}
      >
        {codes.map((code) => (
          <li key={code}>
            <Code fz="md">{code}</Code>
          </li>
        ))}
      </SimpleGrid>
      <Group gap="xs">
        <CopyButton value={codes.join('\n')}>
          {({ copied, copy }) => (
            <Button variant="default" color={copied ? 'teal' : undefined} onClick={copy}>
              {copied ? 'Скопировано' : 'Скопировать'}
            </Button>
          )}
        </CopyButton>
        <Button variant="default" onClick={() => download(codes)}>
          Скачать (.txt)
        </Button>
      </Group>
      <Button size="md" onClick={onDone} maw={{ sm: 240 }}>
        Готово
      </Button>
    </Stack>
  );
}
