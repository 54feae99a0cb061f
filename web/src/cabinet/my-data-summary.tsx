import { Anchor, DataList, Stack, Text, useMatches } from '@mantine/core';
import { type CabinetMe, memberCategoryLabels } from '@profreestr/contracts';
import type { ReactNode } from 'react';
import { formatPhone } from '../format';
import { memberName, statusText } from '../members/member-status';
import { formatDate } from '../passport/field-model';
import { Hint } from './public-shell';

/** «Мои данные»: what the union keeps about the member, in plain words, and whom to ask. */
export function MyDataSummary({ me: { member, org } }: { me: CabinetMe }) {
  // Labels above values on phones, side by side from the `xs` breakpoint.
  const orientation = useMatches({ base: 'vertical', xs: 'horizontal' } as const);
  const status = statusText(member);
  const rows: [string, ReactNode][] = [
    ['ФИО', memberName(member)],
    ['Дата рождения', member.birthDate && formatDate(member.birthDate)],
    ['Профсоюзная организация', org.name],
    ['Категория', member.category && memberCategoryLabels[member.category]],
    [member.category === 'student' ? 'Место учёбы' : 'Место работы', member.workplace],
    ['Должность', member.position],
    [
      'Членство',
      member.status === 'active' ? `${status} с ${formatDate(member.registeredOn)}` : status,
    ],
    ['Телефон', member.phone && formatPhone(member.phone)],
    ['Электронная почта', member.email],
    ['Адрес', member.address],
  ];
  if (org.chairman) {
    rows.push([
      'Председатель организации',
      <Stack key="chairman" gap={0}>
        <Text size="sm">{org.chairman.fullName}</Text>
        {org.chairman.email && (
          <Anchor href={`mailto:${org.chairman.email}`} size="sm">
            {org.chairman.email}
          </Anchor>
        )}
      </Stack>,
    ]);
  }
  return (
    <Stack gap="xs">
      <DataList orientation={orientation} labelWidth="12rem" withDivider>
        {rows.map(([label, value]) => (
          <DataList.Item key={label}>
            <DataList.ItemLabel>{label}</DataList.ItemLabel>
            <DataList.ItemValue style={{ overflowWrap: 'anywhere' }}>
              {value || 'не указано'}
            </DataList.ItemValue>
          </DataList.Item>
        ))}
      </DataList>
      <Hint>
        Если что-то указано неверно (фамилия, дата рождения, место работы), напишите или скажите об
        этом председателю своей профсоюзной организации — он исправит. Телефон и адрес вы можете
        изменить сами.
      </Hint>
    </Stack>
  );
}
