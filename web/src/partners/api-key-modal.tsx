import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import type { PartnerWithKey } from '../api/partners';
import { useWideScreen } from '../components/use-wide-screen';

interface ApiKeyModalProps {
  /** The partner with the key just made; null keeps the dialog closed. */
  shown: PartnerWithKey | null;
  onClose: () => void;
}

/**
 * The partner's API key, this once: the server keeps only its hash, so once the dialog is
 * closed nobody can see the key again (only rotate it). Closed only by «Я сохранил ключ»,
 * not by a tap outside, so the key is not lost by accident.
 */
export function ApiKeyModal({ shown, onClose }: ApiKeyModalProps) {
  const wide = useWideScreen();
  return (
    <Modal
      opened={shown !== null}
      onClose={onClose}
      title="Ключ API партнёра"
      size="lg"
      fullScreen={!wide}
      centered={wide}
      closeOnClickOutside={false}
      closeButtonProps={{ 'aria-label': 'Закрыть' }}
      styles={{ title: { fontWeight: 600 } }}
    >
      {shown && (
        <Stack gap="md">
          <Text size="sm">
            Партнёр <b>{shown.partner.name}</b>. Передайте ключ разработчикам партнёра по
            защищённому каналу: с ним их программа проверяет карты и сообщает о покупках.
          </Text>
          <Alert color="orange" role="alert" title="Ключ показан один раз">
            Скопируйте его сейчас: после закрытия окна ключ больше не будет показан. Если он
            потеряется, выпустите новый.
          </Alert>
          <Code
            block
            fz="md"
            aria-label="Ключ API"
            style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}
          >
            {shown.apiKey}
          </Code>
          <Group gap="xs">
            <CopyButton value={shown.apiKey}>
              {({ copied, copy }) => (
                <Button variant="default" color={copied ? 'teal' : undefined} onClick={copy}>
                  {copied ? 'Скопировано' : 'Скопировать ключ'}
                </Button>
              )}
            </CopyButton>
            <Button onClick={onClose}>Я сохранил ключ</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
