import type { OrgLevel } from '@profreestr/contracts';

// central → regional → (okrug) → territorial → primary; a primary may also hang directly
// under an okrug or a regional org (university primaries, primaries with territorial rights).
const allowedChildLevels: Record<OrgLevel, readonly OrgLevel[]> = {
  central: ['regional'],
  regional: ['okrug', 'territorial', 'primary'],
  okrug: ['territorial', 'primary'],
  territorial: ['primary'],
  primary: [],
};

export const mayHoldChild = (parent: OrgLevel, child: OrgLevel) =>
  allowedChildLevels[parent].includes(child);

export const childLevelsOf = (parent: OrgLevel) => allowedChildLevels[parent];
