import { Text } from '@mantine/core';
import { type CompletenessChild, type Indicator, indicatorLabels } from '@profreestr/contracts';
import { useMemo } from 'react';
import { sortChildren } from './children-table';
import classes from './completeness.module.css';
import { filledShare, formatShare, percentOf, shareStrongColor } from './indicators';

/** The children's filled share of one indicator as bars, the least filled first. */
export function ShareBars({
  items,
  indicator,
}: {
  items: CompletenessChild[];
  indicator: Indicator;
}) {
  const rows = useMemo(
    () => sortChildren(items, { key: indicator, dir: 'asc' }),
    [items, indicator],
  );
  return (
    <ul className={classes.plainList} aria-label={`Заполнено: ${indicatorLabels[indicator]}`}>
      {rows.map((child) => {
        const share = filledShare(child, indicator);
        return (
          <li key={child.org.id} className={classes.bar}>
            <span className={classes.barName}>{child.org.name}</span>
            <div className={classes.barTrack} aria-hidden>
              {share !== null && (
                <div
                  className={classes.fill}
                  style={{ width: `${percentOf(share)}%`, background: shareStrongColor(share) }}
                />
              )}
            </div>
            <Text size="sm" className={`${classes.percent} ${classes.barValue}`} ta="right">
              {share === null ? 'нет данных' : formatShare(share)}
            </Text>
          </li>
        );
      })}
    </ul>
  );
}
