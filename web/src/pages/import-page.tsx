import { Alert, Anchor, Badge, Breadcrumbs, Group, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { Import } from '@profreestr/contracts';
import { importKindLabels } from '@profreestr/contracts';
import { Link, useParams } from 'react-router';
import { isApiError } from '../api/client';
import { rejectedUrl, useImport } from '../api/imports';
import { isOrgId } from '../api/orgs';
import { DownloadButton } from '../components/download';
import { PageLoader, QueryError } from '../components/query-state';
import { ImportCounts } from '../imports/import-counts';
import { ImportErrors } from '../imports/import-errors';
import { formatDateTime, ImportStatusBadge } from '../imports/import-status';
import { OrgName } from '../members/org-name';
import { NotFoundPage } from './not-found-page';

const NOT_FOUND = 'Загрузка не найдена';
const BACK = { to: '/imports', label: 'К импорту' };

export function ImportPage() {
  const { id } = useParams();
  // Import ids are decimal strings like org ids.
  if (!isOrgId(id)) return <NotFoundPage title={NOT_FOUND} back={BACK} />;
  return <ImportView key={id} id={id} />;
}

function ImportView({ id }: { id: string }) {
  const query = useImport(id);
  useDocumentTitle(`${query.data?.fileName ?? 'Загрузка'} — Профреестр`);

  if (isApiError(query.error, 404)) return <NotFoundPage title={NOT_FOUND} back={BACK} />;
  // A failed poll keeps the last answer on screen; only a first failure replaces the page.
  if (!query.data) {
    if (query.isError) return <QueryError error={query.error} onRetry={() => query.refetch()} />;
    return <PageLoader />;
  }
  const item = query.data;

  return (
    <Stack gap="md">
      <nav aria-label="Путь">
        <Breadcrumbs separatorMargin={6}>
          <Anchor component={Link} to="/imports" size="sm">
            Импорт
          </Anchor>
          <Text size="sm" aria-current="page" style={{ overflowWrap: 'anywhere' }}>
            {item.fileName}
          </Text>
        </Breadcrumbs>
      </nav>
      <ImportHeader item={item} />
      <ImportCounts item={item} />
      {item.status === 'failed' && (
        <Alert color="red" role="alert" title="Загрузка не выполнена">
          {item.message ?? 'Файл не удалось обработать.'}
        </Alert>
      )}
      {item.status === 'done' && item.rejected > 0 && (
        <Stack gap={4} align="flex-start">
          <DownloadButton
            href={rejectedUrl(item.id)}
            fileName={`Отклонённые строки ${item.id}.xlsx`}
            label="Скачать отклонённые строки (XLSX)"
            variant="light"
          />
          <Text size="sm" c="dimmed">
            Исправьте строки в этом файле (причины — в столбце «Ошибки») и загрузите его снова.
          </Text>
        </Stack>
      )}
      <ImportErrors item={item} />
    </Stack>
  );
}

function ImportHeader({ item }: { item: Import }) {
  return (
    <Stack gap="xs" component="header">
      <Title order={1} size="h3" style={{ overflowWrap: 'anywhere' }}>
        {item.fileName}
      </Title>
      <Group gap="xs">
        <Badge variant="light" tt="none">
          {importKindLabels[item.kind]}
        </Badge>
        {/* Announces the end of the import to screen readers. */}
        <span aria-live="polite">
          <ImportStatusBadge status={item.status} />
        </span>
      </Group>
      <Text size="sm" c="dimmed">
        Куда: <OrgName id={item.orgId} />
      </Text>
      <Text size="sm" c="dimmed">
        {item.user.fullName}, {formatDateTime(item.createdAt)}
      </Text>
    </Stack>
  );
}
