import { Center, Loader, Text } from '@mantine/core';
import { useEffect, useState } from 'react';

const SIZE = 200;

/** A QR code of `value` as an image; the `qrcode` library loads only when one is shown. */
export function QrCode({ value, label }: { value: string; label: string }) {
  const [state, setState] = useState<{ value: string; src: string | null; failed: boolean }>();

  useEffect(() => {
    let live = true;
    import('qrcode')
      .then((qr) => qr.toDataURL(value, { width: SIZE, margin: 1, errorCorrectionLevel: 'M' }))
      .then((src) => live && setState({ value, src, failed: false }))
      .catch(() => live && setState({ value, src: null, failed: true }));
    return () => {
      live = false;
    };
  }, [value]);

  const current = state?.value === value ? state : undefined;
  if (current?.failed) {
    return (
      <Text size="sm" c="dimmed">
        Не удалось показать QR-код: введите ключ вручную.
      </Text>
    );
  }
  if (!current?.src) {
    return (
      <Center w={SIZE} h={SIZE}>
        <Loader aria-label="Готовим QR-код" />
      </Center>
    );
  }
  return <img src={current.src} alt={label} width={SIZE} height={SIZE} />;
}
