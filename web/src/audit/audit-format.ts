import {
  type AuditEntry,
  type AuditNaming,
  type AuditResult,
  auditActionGroupLabels,
  auditActionLabel,
  auditActionLabels,
  auditDetailItems,
  auditRecordText,
  auditRecordTypeLabels,
  auditResultLabels,
} from '@profreestr/contracts';
import { memberFieldsByPath } from '../members/member-fields';
import { partFieldsByAction } from '../passport/part-defs';
import { passportFieldsByPath } from '../passport/passport-fields';

// The journal's texts come from the contracts (one place, unit-tested there); here only what
// the web alone knows: the fields' Russian names and where a record's page is.

export { auditActionLabel as actionLabel, auditResultLabels };

export const auditResultColors: Record<AuditResult, string> = {
  ok: 'teal',
  denied: 'orange',
  failed: 'red',
};

export interface ActionOption {
  value: string;
  label: string;
}

/** Per group: «…: все действия» (the prefix `member.`), then each action by its name. */
export const actionGroups = (() => {
  const groups = new Map<string, ActionOption[]>();
  for (const [value, label] of Object.entries(auditActionLabels)) {
    const prefix = value.split('.')[0] ?? value;
    const items = groups.get(prefix) ?? [];
    items.push({ value, label });
    groups.set(prefix, items);
  }
  return [...groups].map(([prefix, items]) => {
    const group = auditActionGroupLabels[prefix] ?? 'Другое';
    return { group, items: [{ value: `${prefix}.`, label: `${group}: все действия` }, ...items] };
  });
})();

/** The action filters the select offers: a known action or a group's prefix. */
export const knownActionFilters = new Set(
  actionGroups.flatMap((group) => group.items.map((item) => item.value)),
);

export const targetLabel = (type: string) => auditRecordTypeLabels[type] ?? 'Запись';

type Ref = NonNullable<AuditEntry['target']>;

/** The record by its name now, its state said («ликвидирована», «вне вашей области…»). */
export const recordText = (ref: Ref) => auditRecordText(ref.type, ref.id, ref);

/** A page of the app that shows the record, if there is one and the reader may open it. */
export function targetPath(ref: Ref): string | null {
  if (ref.state === 'hidden' || ref.state === 'missing' || ref.state === 'merged') return null;
  if (ref.type === 'member') return `/members/${ref.id}`;
  if (ref.type === 'org') return `/orgs/${ref.id}`;
  if (ref.type === 'import') return `/imports/${ref.id}`;
  if (ref.type === 'letter') return `/mail/${ref.id}`;
  return null;
}

const timeFormat = new Intl.DateTimeFormat('ru-RU', { dateStyle: 'short', timeStyle: 'medium' });

/** «05.03.2025, 14:30:07». */
export const formatAuditTime = (iso: string) => timeFormat.format(new Date(iso));

// Fields of moves, merges and the card's record part, which no tab edits.
const recordFieldLabels: Record<string, string> = {
  orgId: 'Организация',
  parentId: 'Вышестоящая организация',
  status: 'Статус',
  liquidatedOn: 'Дата ликвидации',
  mergedIntoId: 'Присоединена к',
  cardNumber: 'Номер билета',
  registeredOn: 'Дата постановки на учёт',
  joinedOn: 'Дата вступления',
  code: 'Код',
  level: 'Уровень',
};

/** A changed field's Russian name, from the card's and the passport's field definitions. */
function fieldLabel(action: string, path: string): string {
  if (action.startsWith('member.')) {
    const def = memberFieldsByPath.get(path);
    if (def) return def.label;
  }
  if (action.startsWith('org.')) {
    const passport = passportFieldsByPath.get(path);
    if (passport) {
      return passport.group ? `${passport.group}: ${passport.def.label}` : passport.def.label;
    }
    const list = partFieldsByAction[action.slice('org.'.length)];
    const key = path.includes('.') ? path.slice(path.indexOf('.') + 1) : path;
    const def = list?.find((field) => field.key === key);
    if (def) return def.label;
  }
  return recordFieldLabels[path] ?? `поле «${path}»`;
}

const MAX_DETAILS = 300;

/** The entry's details in one short line: «Роль: Просмотр → Редактор · Организация: …». */
export function detailsText(entry: AuditEntry): string {
  const naming: AuditNaming = { refs: entry.refs ?? [], field: fieldLabel };
  const text = auditDetailItems(entry.action, entry.details, naming)
    .map((item) => (item.label ? `${item.label}: ${item.text}` : item.text))
    .join(' · ');
  return text.length > MAX_DETAILS ? `${text.slice(0, MAX_DETAILS - 1)}…` : text;
}
