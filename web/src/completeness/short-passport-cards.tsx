import { Card, SimpleGrid, Text, Title } from '@mantine/core';
import { type OrgLevel, orgLevels, type ShortPassport } from '@profreestr/contracts';
import type { ReactNode } from 'react';
import { formatCount, formatPercent } from '../format';
import classes from './completeness.module.css';

/** A share of a whole as «N (x %)»; just N when the whole is zero. */
const countOf = (value: number, whole: number) =>
  whole > 0 ? `${formatCount(value)} (${formatPercent(value, whole)})` : formatCount(value);

export interface Figure {
  label: string;
  value: ReactNode;
}

/** Labels on the left, figures on the right: a description list. */
export function Figures({ items }: { items: Figure[] }) {
  return (
    <dl className={classes.plainList}>
      {items.map((item) => (
        <div key={item.label} className={classes.figure}>
          <dt>{item.label}</dt>
          <dd>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}

function FigureCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card withBorder padding="sm" radius="md" className={classes.printCard}>
      <Title order={2} size="h5" mb="xs">
        {title}
      </Title>
      {children}
    </Card>
  );
}

/** «120 из 150 — 80,0 %»; without the percent when the whole is unknown. */
function coverageText(members: number, whole: number): string {
  if (whole <= 0) return `${formatCount(members)} — нет данных о численности`;
  return `${formatCount(members)} из ${formatCount(whole)} — ${formatPercent(members, whole)}`;
}

const below = (level: OrgLevel, than: OrgLevel) =>
  orgLevels.indexOf(level) < orgLevels.indexOf(than);

/** The figures of the short passport, grouped in cards. */
export function ShortPassportCards({ data }: { data: ShortPassport }) {
  const { members, coverage, orgs, chairmen } = data;
  const level = data.org.level;
  const lower: Figure[] = [
    ...(below(level, 'regional')
      ? [{ label: 'Региональные', value: formatCount(orgs.regionals) }]
      : []),
    ...(below(level, 'territorial')
      ? [{ label: 'Территориальные', value: formatCount(orgs.territorials) }]
      : []),
    ...(below(level, 'primary')
      ? [{ label: 'Первичные', value: formatCount(orgs.primaries) }]
      : []),
  ];

  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
      <FigureCard title="Члены Профсоюза на учёте">
        <Text fz={32} fw={700} lh={1.2} mb="xs" style={{ fontVariantNumeric: 'tabular-nums' }}>
          {formatCount(members.active)}
        </Text>
        <Figures
          items={[
            { label: 'Женщины', value: countOf(members.women, members.active) },
            { label: 'До 35 лет', value: countOf(members.under35, members.active) },
            {
              label: 'С номером электронного билета',
              value: countOf(members.cardHolders, members.active),
            },
          ]}
        />
      </FigureCard>
      <FigureCard title="По категориям">
        <Figures
          items={[
            { label: 'Работающие', value: countOf(members.byCategory.working, members.active) },
            { label: 'Обучающиеся', value: countOf(members.byCategory.student, members.active) },
            {
              label: 'Неработающие пенсионеры',
              value: countOf(members.byCategory.pensioner, members.active),
            },
            { label: 'Не указана', value: countOf(members.byCategory.unknown, members.active) },
          ]}
        />
      </FigureCard>
      <FigureCard title="Охват профсоюзным членством">
        <Figures
          items={[
            {
              label: 'Работающие члены из числа работников',
              value: coverageText(coverage.workingMembers, coverage.employees),
            },
            {
              label: 'Обучающиеся члены из числа обучающихся',
              value: coverageText(coverage.studentMembers, coverage.students),
            },
          ]}
        />
      </FigureCard>
      {lower.length > 0 && (
        <FigureCard title="Организации ниже">
          <Figures items={lower} />
        </FigureCard>
      )}
      <FigureCard title="Председатели">
        <Figures
          items={[
            { label: 'Всего', value: formatCount(chairmen.total) },
            { label: 'Женщины', value: countOf(chairmen.women, chairmen.total) },
            { label: 'До 35 лет', value: countOf(chairmen.under35, chairmen.total) },
            { label: 'Освобождённые', value: countOf(chairmen.released, chairmen.total) },
          ]}
        />
      </FigureCard>
    </SimpleGrid>
  );
}
