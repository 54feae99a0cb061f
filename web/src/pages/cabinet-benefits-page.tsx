import { Alert, Stack, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { Benefit } from '@profreestr/contracts';
import { useMemo, useState } from 'react';
import { useOwnAidRequests } from '../api/cabinet-aid';
import { Hint } from '../cabinet/public-shell';
import { FormModal } from '../components/form-modal';
import { AidRequestForm } from '../social-support/aid-request-form';
import { CabinetBenefitList } from '../social-support/cabinet-benefit-list';
import { OwnAidList } from '../social-support/own-aid-list';
import { CABINET_BENEFITS_TITLE } from '../social-support/social-format';

/**
 * `/cabinet/benefits` (the `aid_decided` letter links here): what the member's org and its
 * ancestors offer today, a request for one, and «Мои заявления» with the decisions.
 */
export function CabinetBenefitsPage() {
  useDocumentTitle(`${CABINET_BENEFITS_TITLE} — Профреестр`);
  const [requesting, setRequesting] = useState<Benefit | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const own = useOwnAidRequests();
  // The server refuses a second request while one waits; the page does not offer it either.
  const waiting = useMemo(
    () =>
      new Set(
        (own.data?.pages ?? [])
          .flatMap((page) => page.items)
          .filter((request) => request.status === 'submitted')
          .map((request) => request.benefit.id),
      ),
    [own.data],
  );

  return (
    <Stack gap="xl">
      <Stack gap="xs">
        <Title order={1} size="h2">
          {CABINET_BENEFITS_TITLE}
        </Title>
        <Hint>
          Льготы, которые сегодня предлагают ваша профсоюзная организация и вышестоящие. Подайте
          заявление: решение придёт письмом и появится в разделе «Мои заявления».
        </Hint>
      </Stack>
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
      <Stack gap="sm" component="section" aria-labelledby="cabinet-benefits-offered">
        <Title order={2} size="h3" id="cabinet-benefits-offered">
          Что можно получить
        </Title>
        <CabinetBenefitList
          waiting={waiting}
          onRequest={(benefit) => {
            setNotice(null);
            setRequesting(benefit);
          }}
        />
      </Stack>
      <Stack gap="sm" component="section" aria-labelledby="cabinet-aid-own">
        <Title order={2} size="h3" id="cabinet-aid-own">
          Мои заявления
        </Title>
        <OwnAidList />
      </Stack>
      <FormModal
        opened={requesting !== null}
        onClose={() => setRequesting(null)}
        title="Заявление на помощь"
        size="md"
      >
        {requesting && (
          <AidRequestForm
            key={requesting.id}
            benefit={requesting}
            onCancel={() => setRequesting(null)}
            onSent={(text) => {
              setRequesting(null);
              setNotice(text);
            }}
          />
        )}
      </FormModal>
    </Stack>
  );
}
