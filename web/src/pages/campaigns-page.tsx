import { Anchor, Breadcrumbs, Button, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useState } from 'react';
import { Link } from 'react-router';
import { useOrg } from '../api/orgs';
import { useAuth, useCan } from '../auth/use-auth';
import { FormModal } from '../components/form-modal';
import { PageLoader } from '../components/query-state';
import { CAMPAIGN_FORM_TITLE, CampaignForm } from '../reports/campaign-form';
import { CampaignList } from '../reports/campaign-list';
import {
  CAMPAIGNS_TITLE,
  REPORTS_PATH,
  REPORTS_REFUSAL,
  REPORTS_TITLE,
} from '../reports/report-format';

/**
 * Report campaigns (`/report-campaigns`): each opened one report for every org of its form's
 * level in a subtree. Callers with `campaign:create` open new ones here.
 */
export function CampaignsPage() {
  useDocumentTitle(`${CAMPAIGNS_TITLE} — Профреестр`);
  const can = useCan();
  const [creating, setCreating] = useState(false);
  return (
    <Stack gap="md">
      <nav aria-label="Путь">
        <Breadcrumbs separatorMargin={6}>
          <Anchor component={Link} to={REPORTS_PATH} size="sm">
            {REPORTS_TITLE}
          </Anchor>
          <Text size="sm" aria-current="page">
            {CAMPAIGNS_TITLE}
          </Text>
        </Breadcrumbs>
      </nav>
      <Title order={1} size="h2">
        {CAMPAIGNS_TITLE}
      </Title>
      {can('report:read') ? (
        <>
          {can('campaign:create') && (
            <div>
              <Button onClick={() => setCreating(true)}>Открыть кампанию</Button>
            </div>
          )}
          <CampaignList />
        </>
      ) : (
        <Text c="dimmed">{REPORTS_REFUSAL}</Text>
      )}
      <FormModal
        opened={creating}
        onClose={() => setCreating(false)}
        title={CAMPAIGN_FORM_TITLE}
        size="md"
      >
        {creating && <NewCampaign onCancel={() => setCreating(false)} />}
      </FormModal>
    </Stack>
  );
}

function NewCampaign({ onCancel }: { onCancel: () => void }) {
  const { user } = useAuth();
  // The caller's own org is where the campaign starts; if it fails to load, they pick one.
  const own = useOrg(user?.orgId ?? '');
  if (own.isPending && own.fetchStatus !== 'idle') return <PageLoader />;
  return <CampaignForm ownOrg={own.data ?? null} onCancel={onCancel} />;
}
