import { Anchor, DataList, useMatches } from '@mantine/core';
import { type Application, memberCategoryLabels, sexLabels } from '@profreestr/contracts';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { formatDateTime, formatPhone } from '../format';
import { formatDate } from '../passport/field-model';

const moment = (iso: string | null) =>
  iso ? <time dateTime={iso}>{formatDateTime(iso)}</time> : null;

/** Everything the person wrote, and what became of it, under Russian labels. */
export function ApplicationFields({ application: a }: { application: Application }) {
  // Labels above values on phones, side by side from the `xs` breakpoint.
  const orientation = useMatches({ base: 'vertical', xs: 'horizontal' } as const);
  const rows: [string, ReactNode][] = [
    [
      'Организация',
      <Anchor key="org" component={Link} to={`/orgs/${a.orgId}`} size="sm">
        {a.orgName}
      </Anchor>,
    ],
    ['Фамилия', a.lastName],
    ['Имя', a.firstName],
    ['Отчество', a.middleName],
    ['Пол', sexLabels[a.sex]],
    ['Дата рождения', formatDate(a.birthDate)],
    ['Категория', memberCategoryLabels[a.category]],
    [a.category === 'student' ? 'Место учёбы' : 'Место работы', a.workplace],
    ['Должность', a.position],
    ['Курс', a.studyCourse === null ? null : String(a.studyCourse)],
    [
      'Телефон',
      a.phone && (
        <Anchor key="phone" href={`tel:${a.phone}`} size="sm">
          {formatPhone(a.phone)}
        </Anchor>
      ),
    ],
    [
      'E-mail',
      <Anchor key="email" href={`mailto:${a.email}`} size="sm">
        {a.email}
      </Anchor>,
    ],
    ['Согласие на обработку ПД', `Дано при подаче (редакция ${a.pdConsentVersion})`],
    ['Заявление создано', moment(a.createdAt)],
    ['Подтверждено по e-mail', moment(a.confirmedAt)],
    ['Дата решения', moment(a.decidedAt)],
  ];
  if (a.rejectReason) rows.push(['Причина отказа', a.rejectReason]);
  if (a.memberId) {
    rows.push([
      'Карточка члена Профсоюза',
      <Anchor key="member" component={Link} to={`/members/${a.memberId}`} size="sm">
        Открыть карточку
      </Anchor>,
    ]);
  }
  return (
    <DataList orientation={orientation} labelWidth="13rem" withDivider>
      {rows.map(([label, value]) => (
        <DataList.Item key={label}>
          <DataList.ItemLabel>{label}</DataList.ItemLabel>
          <DataList.ItemValue style={{ overflowWrap: 'anywhere' }}>
            {value ?? '—'}
          </DataList.ItemValue>
        </DataList.Item>
      ))}
    </DataList>
  );
}
