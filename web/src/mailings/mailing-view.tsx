import { DataList, Stack, Text, Title, useMatches } from '@mantine/core';
import type { Mailing } from '@profreestr/contracts';
import type { ReactNode } from 'react';
import { formatDateTime } from '../format';
import { OrgName } from '../members/org-name';
import { audienceText, paragraphsOf } from './mailing-format';
import classes from './mailings.module.css';

const dateOrDash = (iso: string | null) =>
  iso ? <time dateTime={iso}>{formatDateTime(iso)}</time> : '—';

/** Who it goes to, in words, and when it was made and sent. */
export function MailingFields({ mailing }: { mailing: Mailing }) {
  // Labels above values on phones, side by side from the `xs` breakpoint.
  const orientation = useMatches({ base: 'vertical', xs: 'horizontal' } as const);
  const rows: [string, ReactNode][] = [
    ['Кому', audienceText(mailing.audience)],
    [
      'Организация',
      <span key="org">
        <OrgName id={mailing.audience.under} /> и входящие в неё
      </span>,
    ],
    ['Создана', dateOrDash(mailing.createdAt)],
    ['Отправлена', dateOrDash(mailing.sentAt)],
  ];
  return (
    <DataList orientation={orientation} labelWidth="9rem" withDivider>
      {rows.map(([label, value]) => (
        <DataList.Item key={label}>
          <DataList.ItemLabel>{label}</DataList.ItemLabel>
          <DataList.ItemValue style={{ overflowWrap: 'anywhere' }}>{value}</DataList.ItemValue>
        </DataList.Item>
      ))}
    </DataList>
  );
}

export function Section({
  id,
  title,
  children,
}: {
  id: string;
  title: string;
  children: ReactNode;
}) {
  return (
    <Stack gap="xs" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id}>
        {title}
      </Title>
      {children}
    </Stack>
  );
}

/** The text as the letter will show it: paragraphs, the lines inside them kept. */
export function MailingBody({ body }: { body: string }) {
  const paragraphs = paragraphsOf(body);
  if (paragraphs.length === 0) return <Text c="dimmed">Текста нет.</Text>;
  return (
    <div className={classes.body}>
      {paragraphs.map((paragraph, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a fixed text; a paragraph's place is its key
        <p key={index}>{paragraph}</p>
      ))}
    </div>
  );
}
