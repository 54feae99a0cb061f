import { Button, type ButtonProps, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { API_BASE, fetchOk } from '../api/client';
import { errorMessage } from './query-state';

// A file the server builds (an export of a whole subtree, a PDF) may take a while. A plain
// <a download> gives no sign of it: people tapped again and again, and a failure showed nothing.
// So the file is fetched here: the control shows a loader and stays disabled until the file is
// saved, the bytes received are told as they come, and a failure is said in Russian.

const mbFormat = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 1 });

/** The name the server gave the file (`filename*` first: it keeps the Russian name). */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (encoded) {
    try {
      return decodeURIComponent(encoded.trim());
    } catch {
      // A malformed name: the plain one below.
    }
  }
  return /filename="([^"]+)"/i.exec(disposition)?.[1] ?? fallback;
}

/** Hands a fetched file to the browser as a download. */
function saveFile(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken the blob by the next task; then its memory can go.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export interface DownloadState {
  /** The file being prepared or received. */
  busy: boolean;
  /** What is going on, for the status line: «Готовим файл…», «Получено 3,4 МБ». */
  progress: string | null;
  error: string | null;
}

const IDLE: DownloadState = { busy: false, progress: null, error: null };

/** Fetches files one at a time, with their progress and the error of the last attempt. */
export function useDownload() {
  const [state, setState] = useState<DownloadState>(IDLE);
  const abort = useRef<AbortController | null>(null);
  // Leaving the page stops a download nobody waits for any more.
  useEffect(() => () => abort.current?.abort(), []);

  const start = async (href: string, fallbackName: string) => {
    if (abort.current) return;
    const controller = new AbortController();
    abort.current = controller;
    setState({ busy: true, progress: 'Готовим файл…', error: null });
    try {
      const path = href.startsWith(API_BASE) ? href.slice(API_BASE.length) : href;
      const response = await fetchOk(path, { headers: { Accept: '*/*' } }, controller.signal);
      const total = Number(response.headers.get('Content-Length')) || 0;
      const chunks: BlobPart[] = [];
      let received = 0;
      const reader = response.body?.getReader();
      while (reader) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        received += value.byteLength;
        const mb = mbFormat.format(received / 1_048_576);
        setState((current) => ({
          ...current,
          progress: total
            ? `Получено ${Math.floor((received / total) * 100)}\u00a0%`
            : `Получено ${mb}\u00a0МБ`,
        }));
      }
      const blob = reader
        ? new Blob(chunks, { type: response.headers.get('Content-Type') ?? '' })
        : await response.blob();
      saveFile(blob, fileNameOf(response.headers.get('Content-Disposition'), fallbackName));
      setState(IDLE);
    } catch (error) {
      if (controller.signal.aborted) return;
      setState({
        busy: false,
        progress: null,
        error: `Не удалось выгрузить файл. ${errorMessage(error)}`,
      });
    } finally {
      if (abort.current === controller) abort.current = null;
    }
  };

  return { ...state, start };
}

/** The line under a download control: progress while busy (read out), the error after. */
export function DownloadStatus({ state }: { state: DownloadState }) {
  if (state.error) {
    return (
      <Text size="sm" c="red.8" role="alert">
        {state.error}
      </Text>
    );
  }
  return (
    <Text size="xs" c="dimmed" role="status" aria-live="polite">
      {state.busy ? state.progress : ''}
    </Text>
  );
}

interface DownloadButtonProps extends Omit<ButtonProps, 'loading' | 'disabled'> {
  href: string;
  /** The name when the server gives none. */
  fileName: string;
  label: string;
}

/** A button that downloads a file: a loader and disabled while busy, the error under it. */
export function DownloadButton({ href, fileName, label, ...props }: DownloadButtonProps) {
  const download = useDownload();
  return (
    <Stack gap={2} align="flex-start">
      <Button
        {...props}
        loading={download.busy}
        aria-busy={download.busy}
        onClick={() => void download.start(href, fileName)}
      >
        {label}
      </Button>
      <DownloadStatus state={download} />
    </Stack>
  );
}
