import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { Benefit } from '@profreestr/contracts';
import { useState } from 'react';
import { isOrgId } from '../api/orgs';
import { useAuth, useCan } from '../auth/use-auth';
import { FormModal } from '../components/form-modal';
import { useUrlFilters } from '../components/use-url-filters';
import { UnderControl } from '../orgs/under-control';
import { BenefitForm } from '../social-support/benefit-form';
import { BenefitList } from '../social-support/benefit-list';
import { BENEFITS_TITLE } from '../social-support/social-format';

const readUnder = (params: URLSearchParams) => {
  const under = params.get('under') ?? undefined;
  return { under: isOrgId(under) ? under : undefined };
};

/** The dialog's state: closed, a new benefit, or the one being changed. */
type Editing = null | { kind: 'new' } | { kind: 'edit'; benefit: Benefit };

/**
 * `/benefits`: the catalogue of additional social support — what the orgs of the subtree offer
 * their members (payments, vouchers, services, discounts). Editors add, change and end them.
 */
export function BenefitsPage() {
  useDocumentTitle(`${BENEFITS_TITLE} — Профреестр`);
  const can = useCan();
  const { user } = useAuth();
  const { filters, set } = useUrlFilters<'under', { under: string | undefined }>(readUnder);
  const [editing, setEditing] = useState<Editing>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const canManage = can('benefit:manage');
  const close = () => setEditing(null);
  const saved = (text: string) => {
    close();
    setNotice(text);
  };

  if (!can('benefit:read')) {
    return (
      <Stack gap="md">
        <Title order={1} size="h2">
          {BENEFITS_TITLE}
        </Title>
        <Text c="dimmed">У вас нет права смотреть каталог льгот.</Text>
      </Stack>
    );
  }
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {BENEFITS_TITLE}
      </Title>
      <Text size="sm" c="dimmed">
        Дополнительная социальная поддержка: что организации предлагают членам Профсоюза. Член
        Профсоюза видит в личном кабинете льготы своей организации и вышестоящих.
      </Text>
      <Group gap="xs" align="flex-start">
        {canManage && (
          <Button
            onClick={() => {
              setNotice(null);
              setEditing({ kind: 'new' });
            }}
          >
            Добавить льготу
          </Button>
        )}
        <UnderControl under={filters.under} onChange={(under) => set({ under })} />
      </Group>
      {notice && (
        <Alert
          color="teal"
          role="status"
          withCloseButton
          closeButtonLabel="Закрыть"
          onClose={() => setNotice(null)}
        >
          {notice}
        </Alert>
      )}
      <BenefitList
        under={filters.under}
        onEdit={
          canManage
            ? (benefit) => {
                setNotice(null);
                setEditing({ kind: 'edit', benefit });
              }
            : undefined
        }
        onEnded={setNotice}
      />
      <FormModal
        opened={editing !== null}
        onClose={close}
        title={editing?.kind === 'edit' ? 'Изменение льготы' : 'Новая льгота'}
        size="lg"
      >
        {editing && (
          <BenefitForm
            key={editing.kind === 'edit' ? editing.benefit.id : 'new'}
            benefit={editing.kind === 'edit' ? editing.benefit : undefined}
            defaultOrgId={filters.under ?? user?.orgId}
            onCancel={close}
            onSaved={saved}
          />
        )}
      </FormModal>
    </Stack>
  );
}
