import { Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useOrg } from '../api/orgs';
import { useAuth, useCan } from '../auth/use-auth';
import { PageLoader } from '../components/query-state';
import { IMPORT_KINDS, ImportForm, importAction } from '../imports/import-form';
import { ImportList } from '../imports/import-list';

/** Loading orgs or members from a spreadsheet, and the recent loads in the user's scope. */
export function ImportsPage() {
  useDocumentTitle('Импорт — Профреестр');
  const { user } = useAuth();
  // The auth guard renders this page only with a user.
  const ownOrgId = user?.orgId ?? '';
  const own = useOrg(ownOrgId);
  const can = useCan();
  // Each kind of file adds records of its own: members or orgs.
  const kinds = IMPORT_KINDS.filter((kind) => can(importAction[kind]));
  const canUpload = kinds.length > 0;

  return (
    <Stack gap="xl">
      <Stack gap="md">
        <Title order={1} size="h2">
          Импорт
        </Title>
        {!canUpload && <Text c="dimmed">Загружать файлы могут редакторы и администраторы.</Text>}
        {/* The own org is the default target; if it fails to load, the user picks one. */}
        {canUpload &&
          (own.isPending ? <PageLoader /> : <ImportForm ownOrg={own.data ?? null} kinds={kinds} />)}
      </Stack>
      <ImportList under={ownOrgId} />
    </Stack>
  );
}
