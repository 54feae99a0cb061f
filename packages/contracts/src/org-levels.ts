import { type OrgLevel, orgLevels } from './enums.js';

// central → regional → (okrug) → territorial → primary; a primary may also hang directly
// under an okrug or a regional org (university primaries, primaries with territorial rights).
const allowedChildLevels: Record<OrgLevel, readonly OrgLevel[]> = {
  central: ['regional'],
  regional: ['okrug', 'territorial', 'primary'],
  okrug: ['territorial', 'primary'],
  territorial: ['primary'],
  primary: [],
};

export const childLevelsOf = (parent: OrgLevel) => allowedChildLevels[parent];

export const mayHoldChild = (parent: OrgLevel, child: OrgLevel) =>
  allowedChildLevels[parent].includes(child);

export const canHaveChildren = (level: OrgLevel) => allowedChildLevels[level].length > 0;

/** The levels an org of `level` may sit under. */
export const parentLevelsOf = (level: OrgLevel): OrgLevel[] =>
  orgLevels.filter((parent) => mayHoldChild(parent, level));
