import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useAuditLog } from '../api/audit';
import { useOrg } from '../api/orgs';
import { AuditFilters } from '../audit/audit-filters';
import { recordText, targetLabel } from '../audit/audit-format';
import { AuditList } from '../audit/audit-list';
import { useAuditParams } from '../audit/audit-params';
import { useCan } from '../auth/use-auth';
import { FilterChip } from '../components/filter-chip';

export const AUDIT_TITLE = 'Журнал аудита';

/** Who did what and when, over the admin's subtree (or `?under=`), newest first. */
export function AuditPage() {
  useDocumentTitle(`${AUDIT_TITLE} — Профреестр`);
  const can = useCan();
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {AUDIT_TITLE}
      </Title>
      {can('audit:read') ? (
        <AuditLog />
      ) : (
        <Text c="dimmed">Журнал аудита доступен только администраторам.</Text>
      )}
    </Stack>
  );
}

function AuditLog() {
  const { filters, set, clear } = useAuditParams();
  const log = useAuditLog(filters);
  const target = filters.targetType || filters.targetId;
  const filtered = Object.values(filters).some(Boolean);
  // The filtered record by its name, once an entry about it has come.
  const named = log.data?.pages[0]?.items.find(
    (entry) => entry.target?.type === filters.targetType && entry.target?.id === filters.targetId,
  )?.target;
  const targetChip = named
    ? recordText(named)
    : `${targetLabel(filters.targetType ?? '')} № ${filters.targetId ?? '—'}`;

  return (
    <Stack gap="sm">
      <AuditFilters filters={filters} set={set} />
      {filtered && (
        <Group gap="xs">
          {filters.under && <OrgChip id={filters.under} onRemove={() => set({ under: '' })} />}
          {target && (
            <FilterChip
              label={`Объект: ${targetChip}`}
              onRemove={() => set({ targetType: '', targetId: '' })}
            />
          )}
          {filtered && (
            <Button variant="subtle" size="compact-sm" onClick={clear}>
              Сбросить фильтры
            </Button>
          )}
        </Group>
      )}
      <AuditList
        query={log}
        label="Записи журнала аудита"
        empty={filtered ? 'Записей не найдено.' : 'Записей пока нет.'}
      />
    </Stack>
  );
}

/** `?under=`: the org's name once known. */
function OrgChip({ id, onRemove }: { id: string; onRemove: () => void }) {
  const org = useOrg(id);
  return <FilterChip label={`Организация: ${org.data?.name ?? `№ ${id}`}`} onRemove={onRemove} />;
}
