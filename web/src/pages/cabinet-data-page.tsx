import { Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { ReactNode } from 'react';
import {
  CABINET_EXPORT_HREF,
  CABINET_EXPORT_NAME,
  useCabinetConsents,
  useCabinetMe,
} from '../api/cabinet';
import { isApiError } from '../api/client';
import { ConsentHistory } from '../cabinet/consent-history';
import { ConsentSwitches } from '../cabinet/consent-switches';
import { ContactsForm } from '../cabinet/contacts-form';
import { Hint } from '../cabinet/public-shell';
import { DownloadButton } from '../components/download';
import { PageLoader, QueryError } from '../components/query-state';

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Stack gap="sm" component="section" aria-labelledby={id}>
      <Title order={2} size="h3" id={id}>
        {title}
      </Title>
      {children}
    </Stack>
  );
}

/** `/cabinet/data`: own phone and address, the consents and their history, all data as a file. */
export function CabinetDataPage() {
  useDocumentTitle('Мои данные и согласия — Профреестр');
  const me = useCabinetMe();
  const consents = useCabinetConsents();

  if (isApiError(me.error, 401) || isApiError(consents.error, 401)) return <PageLoader />;
  if (me.isError) return <QueryError error={me.error} onRetry={() => me.refetch()} />;
  if (consents.isError) {
    return <QueryError error={consents.error} onRetry={() => consents.refetch()} />;
  }
  if (!me.data || !consents.data) return <PageLoader />;
  const { member } = me.data;
  const ledger = consents.data.items;

  return (
    <Stack gap="xl">
      <Title order={1} size="h2">
        Мои данные и согласия
      </Title>

      <Section id="cabinet-contacts" title="Мои контакты">
        <ContactsForm member={member} />
      </Section>

      <Section id="cabinet-consents" title="Мои согласия">
        <Hint>
          Включите то, на что вы согласны. Изменения сохраняются сразу, а каждое решение
          записывается в историю ниже.
        </Hint>
        <ConsentSwitches member={member} ledger={ledger} />
      </Section>

      <Section id="cabinet-consent-history" title="История согласий">
        <ConsentHistory ledger={ledger} />
      </Section>

      <Section id="cabinet-export" title="Все мои данные одним файлом">
        <Text>
          Файл со всем, что Профсоюз хранит о вас: карточка, история учёта, согласия, кто смотрел
          ваши данные, письма.
        </Text>
        <DownloadButton
          href={CABINET_EXPORT_HREF}
          fileName={CABINET_EXPORT_NAME}
          label="Скачать мои данные"
          size="md"
          variant="light"
        />
      </Section>
    </Stack>
  );
}
