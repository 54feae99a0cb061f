import { Button, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Link } from 'react-router';
import { useCabinetCard, useCabinetMe } from '../api/cabinet';
import { isApiError } from '../api/client';
import { MyDataSummary } from '../cabinet/my-data-summary';
import { VirtualCard } from '../cabinet/virtual-card';
import { PageLoader, QueryError } from '../components/query-state';

/** `/cabinet`: the card first (what a member opens it for at a till), then their data. */
export function CabinetHomePage() {
  useDocumentTitle('Личный кабинет — Профреестр');
  const card = useCabinetCard();
  const me = useCabinetMe();
  // A 401 leads to the sign-in (the layout); nothing to show meanwhile.
  const signedOut = isApiError(card.error, 401) || isApiError(me.error, 401);
  if (signedOut) return <PageLoader />;
  const member = me.data?.member;

  return (
    <Stack gap="xl">
      {member && (
        <Text size="lg">
          Здравствуйте, {[member.firstName, member.middleName].filter(Boolean).join(' ')}!
        </Text>
      )}

      <Stack gap="sm" component="section" aria-labelledby="cabinet-card-title">
        <Title order={1} size="h2" id="cabinet-card-title">
          Мой профсоюзный билет
        </Title>
        {card.data ? (
          <VirtualCard shown={card.data} />
        ) : card.isError ? (
          <QueryError error={card.error} onRetry={() => card.refetch()} />
        ) : (
          <PageLoader label="Загружаем билет…" />
        )}
      </Stack>

      <Stack gap="sm" component="section" aria-labelledby="cabinet-data-title">
        <Title order={2} size="h3" id="cabinet-data-title">
          Мои данные
        </Title>
        {me.data ? (
          <MyDataSummary me={me.data} />
        ) : me.fetchStatus === 'paused' ? (
          <Text c="dimmed" role="status">
            Нет связи с интернетом: данные появятся, когда телефон подключится к сети.
          </Text>
        ) : me.isError ? (
          <QueryError error={me.error} onRetry={() => me.refetch()} />
        ) : (
          <PageLoader />
        )}
      </Stack>

      <Stack gap="sm" component="nav" aria-label="Разделы кабинета">
        <Button component={Link} to="/cabinet/data" size="lg" variant="light" fullWidth>
          Телефон, адрес и согласия
        </Button>
        <Button component={Link} to="/cabinet/bonuses" size="lg" variant="light" fullWidth>
          Мои бонусы PROFCARDS
        </Button>
        <Button component={Link} to="/cabinet/benefits" size="lg" variant="light" fullWidth>
          Льготы и помощь
        </Button>
        <Button component={Link} to="/cabinet/surveys" size="lg" variant="light" fullWidth>
          Опросы и тесты
        </Button>
        <Button component={Link} to="/cabinet/access" size="lg" variant="light" fullWidth>
          Кто смотрел мои данные
        </Button>
      </Stack>
    </Stack>
  );
}
