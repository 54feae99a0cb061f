import { Anchor, Badge, Breadcrumbs, Group, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { type LetterDetail, letterKindLabels } from '@profreestr/contracts';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { isApiError } from '../api/client';
import { useLetter } from '../api/mail';
import { isOrgId } from '../api/orgs';
import { useCan } from '../auth/use-auth';
import { PageLoader, QueryError } from '../components/query-state';
import { LetterStatusBadge } from '../mail/letter-status';
import { LetterBodies, LetterFields } from '../mail/letter-view';
import { MAIL_REFUSAL, MAIL_TITLE } from '../mail/mail-texts';
import { ResendLetter } from '../mail/resend-letter';
import { NotFoundPage } from './not-found-page';

const NOT_FOUND = 'Письмо не найдено';
const BACK = { to: '/mail', label: 'К почте' };

/** One letter of the outbox (`/mail/:id`): where and when it went, its bodies, «ещё раз». */
export function LetterPage() {
  const { id } = useParams();
  const can = useCan();
  if (!can('mail:read')) return <Refusal />;
  // Letter ids are decimal strings like org ids.
  if (!isOrgId(id)) return <NotFoundPage title={NOT_FOUND} back={BACK} />;
  return <LetterScreen key={id} id={id} />;
}

function Refusal() {
  useDocumentTitle(`${MAIL_TITLE} — Профреестр`);
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {MAIL_TITLE}
      </Title>
      <Text c="dimmed">{MAIL_REFUSAL}</Text>
    </Stack>
  );
}

function LetterScreen({ id }: { id: string }) {
  const query = useLetter(id);
  const [resent, setResent] = useState(false);
  useDocumentTitle(`${query.data?.subject || 'Письмо'} — Профреестр`);

  if (isApiError(query.error, 404)) return <NotFoundPage title={NOT_FOUND} back={BACK} />;
  if (!query.data) {
    if (query.isError) return <QueryError error={query.error} onRetry={() => query.refetch()} />;
    return <PageLoader />;
  }
  const letter = query.data;

  return (
    <Stack gap="md">
      <nav aria-label="Путь">
        <Breadcrumbs separatorMargin={6}>
          <Anchor component={Link} to="/mail" size="sm">
            {MAIL_TITLE}
          </Anchor>
          <Text size="sm" aria-current="page" style={{ overflowWrap: 'anywhere' }}>
            {letter.subject.trim() || 'Без темы'}
          </Text>
        </Breadcrumbs>
      </nav>
      <LetterHeader letter={letter} onResent={() => setResent(true)} />
      {resent && (
        <Text size="sm" c="teal.8" role="status">
          Письмо снова в очереди: оно уйдёт при следующей попытке отправки.
        </Text>
      )}
      <LetterFields letter={letter} />
      <LetterBodies letter={letter} />
    </Stack>
  );
}

function LetterHeader({ letter, onResent }: { letter: LetterDetail; onResent: () => void }) {
  const can = useCan();
  return (
    <Stack gap="xs" component="header">
      <Group justify="space-between" align="flex-start" gap="sm">
        <Title order={1} size="h3" style={{ overflowWrap: 'anywhere', minWidth: 0 }}>
          {letter.subject.trim() || 'Без темы'}
        </Title>
        {can('mail:manage') && <ResendLetter letter={letter} onDone={onResent} />}
      </Group>
      <Group gap="xs">
        <LetterStatusBadge status={letter.status} size="md" />
        <Badge variant="light" color="gray" tt="none">
          {letterKindLabels[letter.kind]}
        </Badge>
      </Group>
    </Stack>
  );
}
