import { DataList, Stack, Text, Title, useMatches } from '@mantine/core';
import type { LetterDetail } from '@profreestr/contracts';
import type { ReactNode } from 'react';
import { formatCount, formatDateTime } from '../format';
import classes from './mail.module.css';

const dateOrDash = (iso: string | null) =>
  iso ? <time dateTime={iso}>{formatDateTime(iso)}</time> : '—';

/** «Анна Петрова <anna@example.ru>», or the address alone. */
export const recipientText = (letter: LetterDetail) =>
  letter.toName ? `${letter.toName} <${letter.to}>` : letter.to;

/** Everything the outbox knows of the letter but its bodies (the header shows kind and state). */
export function LetterFields({ letter }: { letter: LetterDetail }) {
  // Labels above values on phones, side by side from the `xs` breakpoint.
  const orientation = useMatches({ base: 'vertical', xs: 'horizontal' } as const);
  const rows: [string, ReactNode][] = [
    ['Получатель', recipientText(letter)],
    ['Попыток отправки', formatCount(letter.attempts)],
    ['Создано', dateOrDash(letter.createdAt)],
    ['Отправлено', dateOrDash(letter.sentAt)],
  ];
  if (letter.status === 'queued' && letter.nextAttemptAt) {
    rows.push(['Следующая попытка', dateOrDash(letter.nextAttemptAt)]);
  }
  if (letter.lastError) {
    rows.push([
      'Последняя ошибка',
      <Text key="error" span size="sm" c="red.8">
        {letter.lastError}
      </Text>,
    ]);
  }
  rows.push(['Message-ID', <code key="id">{letter.messageId}</code>]);

  return (
    <DataList orientation={orientation} labelWidth="11rem" withDivider>
      {rows.map(([label, value]) => (
        <DataList.Item key={label}>
          <DataList.ItemLabel>{label}</DataList.ItemLabel>
          <DataList.ItemValue style={{ overflowWrap: 'anywhere' }}>{value}</DataList.ItemValue>
        </DataList.Item>
      ))}
    </DataList>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Stack gap="xs" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id}>
        {title}
      </Title>
      {children}
    </Stack>
  );
}

/** The plain-text body as sent, and the HTML body as a mail program shows it. */
export function LetterBodies({ letter }: { letter: LetterDetail }) {
  if (letter.textPurgedAt) {
    return (
      <Text c="dimmed">
        Текст письма удалён {formatDateTime(letter.textPurgedAt)} по сроку хранения; получатель,
        даты и состояние письма сохранены.
      </Text>
    );
  }
  return (
    <>
      <Section id="letter-text" title="Текст письма">
        {letter.text ? (
          <pre className={classes.text}>{letter.text}</pre>
        ) : (
          <Text c="dimmed">У письма нет текстовой версии.</Text>
        )}
      </Section>
      <Section id="letter-html" title="Как письмо выглядит у получателя">
        {letter.html ? (
          // An empty sandbox: no scripts, no forms, no pop-ups, and an origin of its own, so
          // the letter can neither run code nor reach the app's session.
          <iframe
            className={classes.preview}
            title="Письмо в формате HTML"
            sandbox=""
            srcDoc={letter.html}
            referrerPolicy="no-referrer"
          />
        ) : (
          <Text c="dimmed">У письма нет HTML-версии.</Text>
        )}
      </Section>
    </>
  );
}
