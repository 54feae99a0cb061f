import { Anchor, Breadcrumbs, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Link, useParams } from 'react-router';
import { isApiError } from '../api/client';
import { isOrgId } from '../api/orgs';
import { usePartner } from '../api/partners';
import { PageLoader, QueryError } from '../components/query-state';
import { formatCount, formatDateTime } from '../format';
import { PartnerKey } from '../partners/partner-key';
import { PartnerPurchases } from '../partners/partner-purchases';
import { PartnerRates } from '../partners/partner-rates';
import { NotFoundPage } from './not-found-page';
import { PARTNERS_TITLE } from './partners-page';

const NOT_FOUND = 'Партнёр не найден';
const BACK = { to: '/partners', label: 'К списку партнёров' };

/** `/partners/:id`: the partner's rates, its API key and its purchases. */
export function PartnerPage() {
  const { id } = useParams();
  // Partner ids are decimal strings like org ids.
  if (!isOrgId(id)) return <NotFoundPage title={NOT_FOUND} back={BACK} />;
  return <PartnerView key={id} id={id} />;
}

function PartnerView({ id }: { id: string }) {
  const partner = usePartner(id);
  useDocumentTitle(`${partner.data?.name ?? 'Партнёр'} — Профреестр`);

  if (isApiError(partner.error, 404)) return <NotFoundPage title={NOT_FOUND} back={BACK} />;
  if (partner.isError) {
    return <QueryError error={partner.error} onRetry={() => partner.refetch()} />;
  }
  if (!partner.data) return <PageLoader />;
  const data = partner.data;

  return (
    <Stack gap="lg">
      <Stack gap="xs" component="header">
        <nav aria-label="Путь">
          <Breadcrumbs separatorMargin={6}>
            <Anchor component={Link} to="/partners" size="sm">
              {PARTNERS_TITLE}
            </Anchor>
            <Text size="sm" aria-current="page" style={{ overflowWrap: 'anywhere' }}>
              {data.name}
            </Text>
          </Breadcrumbs>
        </nav>
        <Title order={1} size="h2" style={{ overflowWrap: 'anywhere' }}>
          {data.name}
        </Title>
        <Text size="sm" c="dimmed">
          Добавлен {formatDateTime(data.createdAt)} · покупок: {formatCount(data.purchases)}
        </Text>
      </Stack>
      <PartnerRates partner={data} />
      <PartnerKey partner={data} />
      <PartnerPurchases partnerId={id} />
    </Stack>
  );
}
