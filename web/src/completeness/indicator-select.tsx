import { NativeSelect } from '@mantine/core';
import {
  type Indicator,
  indicatorLabels,
  memberIndicators,
  orgIndicators,
} from '@profreestr/contracts';
import { MEMBERS_GROUP, ORGS_GROUP } from './indicators';

const DATA = [
  {
    group: ORGS_GROUP,
    items: orgIndicators.map((value) => ({ value, label: indicatorLabels[value] })),
  },
  {
    group: MEMBERS_GROUP,
    items: memberIndicators.map((value) => ({ value, label: indicatorLabels[value] })),
  },
];

/** The indicator the charts show; a native select is the easiest to use on a phone. */
export function IndicatorSelect({
  value,
  onChange,
}: {
  value: Indicator;
  onChange: (value: Indicator) => void;
}) {
  return (
    <NativeSelect
      label="Показатель"
      data={DATA}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value as Indicator)}
      maw={{ sm: 420 }}
    />
  );
}
