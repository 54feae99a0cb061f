import { Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Link, useParams } from 'react-router';
import { isApiError } from '../api/client';
import { shortPassportPdfUrl, useShortPassport } from '../api/completeness';
import { isOrgId } from '../api/orgs';
import classes from '../completeness/completeness.module.css';
import { ShortPassportCards } from '../completeness/short-passport-cards';
import { DownloadButton } from '../components/download';
import { PageLoader, QueryError } from '../components/query-state';
import { formatDate } from '../passport/field-model';
import { NotFoundPage } from './not-found-page';

const NOT_FOUND = 'Организация не найдена';
export const SHORT_PASSPORT_TITLE = 'Краткий паспорт';

export function ShortPassportPage() {
  const { id } = useParams();
  if (!isOrgId(id)) return <NotFoundPage title={NOT_FOUND} />;
  return <ShortPassportView key={id} id={id} />;
}

/** Live figures of an org on one screen (and one printed page), without forming a report. */
function ShortPassportView({ id }: { id: string }) {
  const passport = useShortPassport(id);
  const data = passport.data;
  useDocumentTitle(`${SHORT_PASSPORT_TITLE}${data ? ` — ${data.org.name}` : ''} — Профреестр`);

  if (isApiError(passport.error, 404)) return <NotFoundPage title={NOT_FOUND} />;
  if (passport.isError) {
    return <QueryError error={passport.error} onRetry={() => passport.refetch()} />;
  }
  if (!data) return <PageLoader />;

  return (
    <Stack gap="md">
      <Anchor component={Link} to={`/orgs/${id}`} size="sm" className={classes.noPrint}>
        ← К паспорту организации
      </Anchor>
      <Stack gap={4} component="header">
        <Title order={1} size="h2">
          {SHORT_PASSPORT_TITLE}
        </Title>
        <Text fw={600} size="lg" style={{ overflowWrap: 'anywhere' }}>
          {data.org.name}
        </Text>
        {data.org.parentName && (
          <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {data.org.parentName}
          </Text>
        )}
        <Text size="sm" c="dimmed">
          Данные на {formatDate(data.asOf.slice(0, 10))}
        </Text>
      </Stack>
      <Group gap="xs" align="flex-start" className={classes.noPrint}>
        <DownloadButton
          href={shortPassportPdfUrl(id)}
          fileName={`Краткий паспорт ${data.org.code}.pdf`}
          label="Скачать PDF"
          variant="default"
        />
        <Button variant="subtle" onClick={() => window.print()}>
          Печать
        </Button>
      </Group>
      <ShortPassportCards data={data} />
    </Stack>
  );
}
