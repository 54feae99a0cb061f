import { NavLink, Stack, Text, Title } from '@mantine/core';
import {
  type Completeness,
  type Indicator,
  memberIndicatorLabels,
  memberIndicators,
  orgIndicatorLabels,
  orgIndicators,
} from '@profreestr/contracts';
import { Link } from 'react-router';
import { formatCount, plural } from '../format';
import classes from './completeness.module.css';
import { membersMissingUrl, passportFormUrl } from './indicators';

export interface TodoItem {
  indicator: Indicator;
  label: string;
  to: string;
}

export const ALL_DONE = 'Всё заполнено — спасибо!';

/** The passport's empty fields (each opens its form) and the member fields left blank. */
export function todoItems(orgId: string, data: Completeness) {
  const passport: TodoItem[] = orgIndicators
    .filter((key) => data.orgs.missing[key] > 0)
    .map((key) => ({
      indicator: key,
      label: `Не заполнено: ${orgIndicatorLabels[key]}`,
      to: passportFormUrl(orgId, key),
    }));
  const members: TodoItem[] = memberIndicators
    .filter((key) => data.members.missing[key] > 0)
    .map((key) => {
      const n = data.members.missing[key];
      return {
        indicator: key,
        label: `${memberIndicatorLabels[key]}: не указано у ${formatCount(n)} ${plural(n, 'члена', 'членов', 'членов')}`,
        to: membersMissingUrl(orgId, key),
      };
    });
  return { passport, members };
}

/** «Что заполнить» of a primary's chairman: each item is one tap from the form that fixes it. */
export function TodoList({ orgId, data }: { orgId: string; data: Completeness }) {
  const { passport, members } = todoItems(orgId, data);
  if (passport.length === 0 && members.length === 0) {
    return (
      <Text c="teal.8" fw={500} role="status">
        {ALL_DONE}
      </Text>
    );
  }
  return (
    <Stack gap="md">
      <TodoGroup title="Паспорт организации" items={passport} />
      <TodoGroup title="Карточки членов Профсоюза" items={members} />
    </Stack>
  );
}

function TodoGroup({ title, items }: { title: string; items: TodoItem[] }) {
  if (items.length === 0) return null;
  return (
    <div>
      <Title order={3} size="h5" mb={4}>
        {title}
      </Title>
      <ul className={classes.plainList} aria-label={title}>
        {items.map((item) => (
          <li key={item.indicator} data-indicator={item.indicator}>
            <NavLink
              component={Link}
              to={item.to}
              label={item.label}
              rightSection={<span aria-hidden>›</span>}
              py="sm"
              style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
            />
          </li>
        ))}
      </ul>
    </div>
  );
}
