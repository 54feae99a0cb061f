import { type OrgLevel, orgLevels } from './enums.js';

// Which levels of the tree a passport field applies to, once for the UI and the counts. The
// dues rate, the small-org and committee flags and the headcounts of the education organization
// describe a primary organization; above it they mean nothing, so a passport there neither
// shows them nor counts them as missing (completeness counts them over primaries only, see the
// server's db/indicators.ts).

const PRIMARY_ONLY: readonly OrgLevel[] = ['primary'];

/** A field's path as the API names it (`eduOrg.students`) → the levels it applies to. */
export const orgFieldLevels: Readonly<Record<string, readonly OrgLevel[]>> = {
  duesRate: PRIMARY_ONLY,
  isSmall: PRIMARY_ONLY,
  hasCommittee: PRIMARY_ONLY,
  'eduOrg.employees': PRIMARY_ONLY,
  'eduOrg.students': PRIMARY_ONLY,
};

/** Whether an org of `level` has the field `path`; a field not listed applies to every level. */
export const orgFieldApplies = (path: string, level: OrgLevel): boolean =>
  (orgFieldLevels[path] ?? orgLevels).includes(level);
