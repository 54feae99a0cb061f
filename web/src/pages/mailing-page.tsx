import { Anchor, Breadcrumbs, Group, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { Mailing } from '@profreestr/contracts';
import { Link, useParams } from 'react-router';
import { isApiError } from '../api/client';
import { useMailing } from '../api/mailings';
import { isOrgId } from '../api/orgs';
import { useCan } from '../auth/use-auth';
import { PageLoader, QueryError } from '../components/query-state';
import { AudienceCount, DeliveryCounts, SendingProgress } from '../mailings/mailing-counts';
import {
  MAILINGS_PATH,
  MAILINGS_REFUSAL,
  MAILINGS_TITLE,
  subjectText,
} from '../mailings/mailing-format';
import { MailingStatusBadge } from '../mailings/mailing-status';
import { MailingBody, MailingFields, Section } from '../mailings/mailing-view';
import { RecipientList } from '../mailings/recipient-list';
import { SendMailing } from '../mailings/send-mailing';
import { NotFoundPage } from './not-found-page';

const NOT_FOUND = 'Рассылка не найдена';
const BACK = { to: MAILINGS_PATH, label: 'К рассылкам' };

/**
 * One mailing (`/mailings/:id`): its text and audience; a draft's recipients counted live and
 * «Отправить»; the progress while it is sent; then the counts and every recipient's letter.
 */
export function MailingPage() {
  const { id } = useParams();
  const can = useCan();
  if (!can('mailing:read')) return <Refusal />;
  // Mailing ids are decimal strings like org ids.
  if (!isOrgId(id)) return <NotFoundPage title={NOT_FOUND} back={BACK} />;
  return <MailingScreen key={id} id={id} />;
}

function Refusal() {
  useDocumentTitle(`${MAILINGS_TITLE} — Профреестр`);
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {MAILINGS_TITLE}
      </Title>
      <Text c="dimmed">{MAILINGS_REFUSAL}</Text>
    </Stack>
  );
}

function MailingScreen({ id }: { id: string }) {
  const query = useMailing(id);
  useDocumentTitle(`${query.data ? subjectText(query.data.subject) : 'Рассылка'} — Профреестр`);

  if (isApiError(query.error, 404)) return <NotFoundPage title={NOT_FOUND} back={BACK} />;
  // A failed poll keeps the last answer on screen; only a first failure replaces the page.
  if (!query.data) {
    if (query.isError) return <QueryError error={query.error} onRetry={() => query.refetch()} />;
    return <PageLoader />;
  }
  const mailing = query.data;

  return (
    <Stack gap="lg">
      <Stack gap="md">
        <nav aria-label="Путь">
          <Breadcrumbs separatorMargin={6}>
            <Anchor component={Link} to={MAILINGS_PATH} size="sm">
              {MAILINGS_TITLE}
            </Anchor>
            <Text size="sm" aria-current="page" style={{ overflowWrap: 'anywhere' }}>
              {subjectText(mailing.subject)}
            </Text>
          </Breadcrumbs>
        </nav>
        <MailingHeader mailing={mailing} />
        <MailingFields mailing={mailing} />
      </Stack>
      <Section id="mailing-recipients" title="Получатели">
        <Recipients mailing={mailing} />
      </Section>
      <Section id="mailing-text" title="Текст письма">
        <MailingBody body={mailing.body} />
      </Section>
      {mailing.status !== 'draft' && (
        <Section id="mailing-letters" title="Письма получателям">
          <RecipientList mailingId={mailing.id} live={mailing.status === 'sending'} />
        </Section>
      )}
    </Stack>
  );
}

function MailingHeader({ mailing }: { mailing: Mailing }) {
  const can = useCan();
  return (
    <Stack gap="xs" component="header">
      <Group justify="space-between" align="flex-start" gap="sm">
        <Title order={1} size="h3" style={{ overflowWrap: 'anywhere', minWidth: 0 }}>
          {subjectText(mailing.subject)}
        </Title>
        {can('mailing:create') && <SendMailing mailing={mailing} />}
      </Group>
      {/* Announces the end of sending to screen readers. */}
      <Group gap="xs" aria-live="polite">
        <MailingStatusBadge status={mailing.status} size="md" />
      </Group>
    </Stack>
  );
}

/** A draft: the audience as counted now; then the progress, then the letters by state. */
function Recipients({ mailing }: { mailing: Mailing }) {
  if (mailing.status === 'draft') {
    return (
      <Stack gap={4}>
        <AudienceCount mailing={mailing} />
        <Text size="sm" c="dimmed">
          Подсчитано только что; при отправке получатели будут подсчитаны заново.
        </Text>
      </Stack>
    );
  }
  return (
    <Stack gap="sm">
      <AudienceCount mailing={mailing} />
      {mailing.status === 'sending' && <SendingProgress mailing={mailing} />}
      <DeliveryCounts mailing={mailing} />
    </Stack>
  );
}
