import { describe, expect, it } from 'vitest';
import {
  type AuditNaming,
  type AuditRecordRef,
  auditActionLabel,
  auditDetailItems,
  auditRecordText,
} from './audit-labels.js';

// The journal's texts: Russian names and readable values, never `key: value` in English.

const refs: AuditRecordRef[] = [
  { type: 'org', id: '367', name: 'ППО школы № 1', state: 'active' },
  { type: 'org', id: '368', name: 'ППО лицея № 2', state: 'liquidated' },
  { type: 'member', id: '9920', name: null, state: 'hidden' },
];
const naming: AuditNaming = {
  refs,
  field: (_action, path) => ({ workplace: 'Место работы', phone: 'Телефон' })[path] ?? path,
};

const line = (action: string, details: Record<string, unknown>) =>
  auditDetailItems(action, details, naming)
    .map((item) => (item.label ? `${item.label}: ${item.text}` : item.text))
    .join('; ');

describe('audit details in Russian', () => {
  it('a refused request: what was asked, which record, why', () => {
    expect(
      line('access.denied', {
        route: '/api/v1/members/:id',
        method: 'GET',
        status: 404,
        id: '9920',
      }),
    ).toBe('Карточка члена Профсоюза: № 9920 — не найдено');
    expect(
      line('access.denied', { route: '/api/v1/orgs/:id', method: 'PATCH', status: 403, id: '367' }),
    ).toBe('Изменение паспорта организации: ППО школы № 1 — нет прав');
  });

  it('a route newer than the labels still reads in Russian', () => {
    expect(
      line('access.denied', { route: '/api/v1/orgs/:id/reports', method: 'POST', status: 403 }),
    ).toBe('Действие: организации — нет прав');
  });

  it('a new user: login, role by name, the org by its name', () => {
    expect(line('user.create', { login: 'chair12', role: 'editor', orgId: '367' })).toBe(
      'Логин: chair12; Роль: Редактор; Организация: ППО школы № 1',
    );
  });

  it('a changed user: the role and org as before → after, access and name said in words', () => {
    expect(
      line('user.update', {
        role: { from: 'viewer', to: 'admin' },
        orgId: { from: '367', to: '368' },
        disabled: true,
        fullName: true,
      }),
    ).toBe(
      'Роль: Просмотр → Администратор; Организация: ППО школы № 1 → ППО лицея № 2 (ликвидирована); Доступ: отключён; ФИО: изменено',
    );
  });

  it('changed fields by their names; empty values left out', () => {
    expect(line('member.update', { fields: ['workplace', 'phone'] })).toBe(
      'Поля: Место работы, Телефон',
    );
    expect(line('member.list', { q: null, missing: 'pdConsent', returned: 3 })).toBe(
      'Не заполнено: Согласие на обработку ПД; Показано записей: 3',
    );
    expect(line('member.update', { fields: [] })).toBe('');
  });

  it('exports, imports and sign-ins', () => {
    expect(
      line('member.export', {
        format: 'xlsx',
        rows: 12,
        complete: false,
        under: '367',
        status: 'deregistered',
      }),
    ).toBe(
      'Формат: Excel (XLSX); Строк: 12; Выгрузка: прервана; Организация: ППО школы № 1; Статус: Снят с учёта',
    );
    expect(
      line('import.start', { importId: '5', kind: 'members', fileName: 'a.csv', bytes: 2048 }),
    ).toBe('Импорт: Импорт № 5; Что загружалось: Члены Профсоюза; Файл: a.csv; Размер: 2 КБ');
    expect(line('auth.login', { login: 'x', reason: 'rate_limited' })).toBe(
      'Логин: x; Причина: слишком много попыток',
    );
    expect(line('auth.mfa', { recoveryCode: true })).toBe('Способ: резервный код');
  });

  it('a key no label knows keeps its name in a Russian frame, never as JSON', () => {
    expect(line('user.update', { extra: { a: 1 } })).toBe('Сведения «extra»: a 1');
  });
});

describe('records and actions', () => {
  it('a record by name, its state said; without a name, by kind and number', () => {
    expect(auditRecordText('org', '368', refs[1])).toBe('ППО лицея № 2 (ликвидирована)');
    expect(
      auditRecordText('member', '1', { type: 'member', id: '1', name: null, state: 'missing' }),
    ).toBe('Член Профсоюза № 1 — карточки больше нет');
    expect(auditRecordText('user', '4')).toBe('Пользователь № 4');
  });

  it('an action by name; an unknown code is said to be one', () => {
    expect(auditActionLabel('member.read')).toBe('Просмотр карточки члена Профсоюза');
    expect(auditActionLabel('toString')).toBe('Другое действие (toString)');
  });
});
