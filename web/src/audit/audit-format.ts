import { type AuditEntry, type AuditResult, auditActionLabels } from '@profreestr/contracts';

export const auditResultLabels: Record<AuditResult, string> = {
  ok: 'Успешно',
  denied: 'Отказано',
  failed: 'Ошибка',
};

export const auditResultColors: Record<AuditResult, string> = {
  ok: 'teal',
  denied: 'orange',
  failed: 'red',
};

/** The action's Russian label; an action the UI does not know yet shows its code. */
export const actionLabel = (action: string) => auditActionLabels[action] ?? action;

/** The groups of the actions' select: the code's prefix before the dot. */
const groupLabels: Record<string, string> = {
  auth: 'Вход и пароль',
  mfa: 'Второй фактор',
  access: 'Доступ',
  user: 'Пользователи',
  member: 'Члены Профсоюза',
  import: 'Импорт',
};

export interface ActionOption {
  value: string;
  label: string;
}

/** Per group: «…: все действия» (the prefix `member.`), then each action. */
export const actionGroups = (() => {
  const groups = new Map<string, ActionOption[]>();
  for (const [value, label] of Object.entries(auditActionLabels)) {
    const prefix = value.split('.')[0] ?? value;
    const items = groups.get(prefix) ?? [];
    items.push({ value, label });
    groups.set(prefix, items);
  }
  return [...groups].map(([prefix, items]) => {
    const group = groupLabels[prefix] ?? prefix;
    return { group, items: [{ value: `${prefix}.`, label: `${group}: все действия` }, ...items] };
  });
})();

export const knownActionFilters = new Set(
  actionGroups.flatMap((group) => group.items.map((item) => item.value)),
);

const targetLabels: Record<string, string> = {
  member: 'Член Профсоюза',
  org: 'Организация',
  user: 'Пользователь',
  import: 'Импорт',
};

export const targetLabel = (type: string) => targetLabels[type] ?? type;

/** A page of the app that shows the target, if there is one. */
export function targetPath(target: NonNullable<AuditEntry['target']>): string | null {
  if (target.type === 'member') return `/members/${target.id}`;
  if (target.type === 'org') return `/orgs/${target.id}`;
  if (target.type === 'import') return `/imports/${target.id}`;
  return null;
}

const timeFormat = new Intl.DateTimeFormat('ru-RU', { dateStyle: 'short', timeStyle: 'medium' });

/** «05.03.2025, 14:30:07». */
export const formatAuditTime = (iso: string) => timeFormat.format(new Date(iso));

const MAX_DETAILS = 240;

function valueText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(valueText).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The entry's details in one short line: `fields: phone, email; format: xlsx`. */
export function detailsText(details: AuditEntry['details']): string {
  if (!details) return '';
  const text = Object.entries(details)
    .map(([key, value]) => `${key}: ${valueText(value)}`)
    .join('; ');
  return text.length > MAX_DETAILS ? `${text.slice(0, MAX_DETAILS - 1)}…` : text;
}
