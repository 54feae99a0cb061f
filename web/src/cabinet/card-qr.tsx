import { Center, Loader, Text } from '@mantine/core';
import { useEffect, useState } from 'react';

const SIZE = 220;

/**
 * The card's QR code, drawn on the device from the token of `GET /cabinet/card`; the `qrcode`
 * library loads only here (its own chunk, kept by the service worker once loaded).
 */
export function CardQr({ value }: { value: string }) {
  const [state, setState] = useState<{ value: string; src: string | null }>();

  useEffect(() => {
    let live = true;
    import('qrcode')
      .then((qr) => qr.toDataURL(value, { width: SIZE, margin: 2, errorCorrectionLevel: 'M' }))
      .then((src) => live && setState({ value, src }))
      .catch(() => live && setState({ value, src: null }));
    return () => {
      live = false;
    };
  }, [value]);

  const current = state?.value === value ? state : undefined;
  if (current && !current.src) {
    return (
      <Text size="sm" c="dimmed" ta="center" maw={SIZE}>
        Не удалось нарисовать QR-код. Номер билета выше можно продиктовать.
      </Text>
    );
  }
  if (!current) {
    return (
      <Center w={SIZE} h={SIZE}>
        <Loader aria-label="Рисуем QR-код" />
      </Center>
    );
  }
  return (
    <img
      src={current.src ?? undefined}
      alt="QR-код профсоюзного билета"
      width={SIZE}
      height={SIZE}
      style={{ display: 'block', maxWidth: '100%', height: 'auto' }}
    />
  );
}
