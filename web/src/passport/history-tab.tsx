import { type OrgChange, orgChangeActionLabels } from '@profreestr/contracts';
import { useOrgHistory } from '../api/org-parts';
import { ChangeCard, type FieldDescription } from './change-card';
import { ChangeLog } from './change-log';
import { partFieldsByAction } from './part-defs';
import { passportFieldsByPath } from './passport-fields';

const LIST_TITLES: Record<string, string> = {
  activist: 'Профактив',
  staff: 'Штат',
  event: 'Мероприятия',
};

/** The Russian name of a changed field and its definition, or the raw path. */
function describeField(action: string, path: string): FieldDescription {
  const passport = passportFieldsByPath.get(path);
  if (passport) {
    const label = passport.group ? `${passport.group}: ${passport.def.label}` : passport.def.label;
    return { label, def: passport.def };
  }
  const listFields = partFieldsByAction[action];
  if (listFields) {
    // List changes may name fields bare (`phone`) or under the list (`activist.phone`).
    const key = path.includes('.') ? path.slice(path.indexOf('.') + 1) : path;
    const def = listFields.find((field) => field.key === key);
    if (def) return { label: def.label, def };
  }
  return { label: path };
}

// Expanded nested changes follow the passport's field order; unknown fields go last.
const FIELD_ORDER = new Map([...passportFieldsByPath.keys()].map((path, index) => [path, index]));
const fieldOrder = (field: string) => FIELD_ORDER.get(field) ?? FIELD_ORDER.size;

function HistoryEntry({ entry }: { entry: OrgChange }) {
  const list = LIST_TITLES[entry.action];
  return (
    <ChangeCard
      entry={entry}
      actionLabel={orgChangeActionLabels[entry.action] ?? entry.action}
      describe={(field) => describeField(entry.action, field)}
      order={fieldOrder}
      listLabel={list ? `Изменения: ${list}` : 'Изменения'}
    />
  );
}

/** The org's change log, newest first (the server's order). */
export function HistoryTab({ orgId }: { orgId: string }) {
  return (
    <ChangeLog
      history={useOrgHistory(orgId)}
      entry={(entry) => <HistoryEntry key={entry.id} entry={entry} />}
    />
  );
}
