import type { Benefit, StaffAction } from '@profreestr/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { me, type Routes, renderApp, reply, stubServer } from '../test/app';
import { EDITOR, primaryOrg, VIEWER } from '../test/fixtures';

// Permission sets as the server's policy gives them (access.ts): data, not a rule of the web.
const READING: StaffAction[] = [...VIEWER, 'benefit:read', 'aid:read'];
const KEEPING: StaffAction[] = [...EDITOR, 'benefit:read', 'benefit:manage', 'aid:read'];

const benefit = (id: string, more: Partial<Benefit> = {}): Benefit => ({
  id,
  orgId: '1',
  orgName: 'Первичная организация школы № 1',
  title: 'Материальная помощь на лечение',
  description: 'Единовременная выплата',
  kind: 'payment',
  conditions: 'Стаж в Профсоюзе от года',
  activeFrom: '2025-01-01',
  activeTo: null,
  active: true,
  ...more,
});

const invalid = (field: string, message: string) =>
  reply(422, { error: { code: 'invalid', message, details: [{ field, message }] } });

function open(routes: Routes = {}, permissions: readonly StaffAction[] = KEEPING) {
  const sent = stubServer({
    'GET /auth/me': me(permissions),
    'GET /applications/count': { submitted: 0 },
    'GET /orgs/1': primaryOrg,
    'GET /benefits': {
      items: [
        benefit('5'),
        benefit('4', {
          title: 'Путёвка в санаторий',
          kind: 'voucher',
          activeFrom: '2024-01-01',
          activeTo: '2024-12-31',
          active: false,
        }),
      ],
      nextCursor: 'next',
    },
    ...routes,
  });
  renderApp('/benefits');
  return sent;
}

const field = (form: ReturnType<typeof within>, label: RegExp) =>
  form.getByLabelText(label) as HTMLInputElement;

describe('the benefits catalogue', () => {
  it('lists the subtree’s benefits with kind, dates, state and «Показать ещё»', async () => {
    const sent = open();
    const list = await screen.findByRole('list', { name: 'Каталог льгот' });
    const active = within(within(list).getByRole('listitem', { name: /на лечение/ }));
    expect(active.getByText('Выплата')).toBeTruthy();
    expect(active.getByText('Действует')).toBeTruthy();
    expect(active.getByText('с 01.01.2025, без срока окончания')).toBeTruthy();
    expect(active.getByText(/Стаж в Профсоюзе от года/)).toBeTruthy();
    const ended = within(within(list).getByRole('listitem', { name: 'Путёвка в санаторий' }));
    expect(ended.getByText('Завершена')).toBeTruthy();
    expect(ended.getByText('с 01.01.2024 по 31.12.2024')).toBeTruthy();
    // Only what is offered today can end today.
    expect(ended.queryByRole('button', { name: 'Завершить' })).toBeNull();
    expect(active.getByRole('button', { name: 'Завершить' })).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Показать ещё' }));
    await waitFor(() =>
      expect(sent.some((r) => r.path === '/benefits' && r.search.get('cursor') === 'next')).toBe(
        true,
      ),
    );
  });

  it('a viewer sees the catalogue but no controls to add, change or end', async () => {
    open({}, READING);
    const list = await screen.findByRole('list', { name: 'Каталог льгот' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
    expect(screen.queryByRole('button', { name: 'Добавить льготу' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Изменить' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Завершить' })).toBeNull();
  });

  it('without benefit:read nothing is asked', async () => {
    const sent = open({}, VIEWER);
    expect(await screen.findByText('У вас нет права смотреть каталог льгот.')).toBeTruthy();
    expect(sent.some((r) => r.path === '/benefits')).toBe(false);
  });

  it('the form checks by the contract’s schema before sending, then adds from the org', async () => {
    const sent = open({ 'POST /benefits': benefit('9', { title: 'Скидка в бассейн' }) });
    await userEvent.click(await screen.findByRole('button', { name: 'Добавить льготу' }));
    const form = within(await screen.findByRole('dialog', { name: 'Новая льгота' }));
    // The org of the page (the user's own here) is offered until another is chosen.
    expect(await form.findByRole('group', { name: `Выбрано: ${primaryOrg.name}` })).toBeTruthy();
    await userEvent.type(field(form, /Название/), 'Скидка в бассейн');
    await userEvent.clear(field(form, /Действует с/));
    await userEvent.type(field(form, /Действует с/), '01.04.2025');
    await userEvent.type(field(form, /Действует по/), '01.03.2025');
    await userEvent.click(form.getByRole('button', { name: 'Добавить' }));
    expect(await form.findByText('Вид льготы: выплата, путёвка, услуга или скидка')).toBeTruthy();
    expect(form.getByText('Дата окончания не может быть раньше даты начала')).toBeTruthy();
    expect(sent.some((r) => r.method === 'POST')).toBe(false);

    await userEvent.selectOptions(form.getByRole('combobox', { name: /Вид/ }), 'discount');
    await userEvent.clear(field(form, /Действует по/));
    await userEvent.click(form.getByRole('button', { name: 'Добавить' }));
    expect(await screen.findByText('Льгота «Скидка в бассейн» добавлена в каталог.')).toBeTruthy();
    expect(sent.find((r) => r.method === 'POST')?.body).toEqual({
      orgId: '1',
      title: 'Скидка в бассейн',
      kind: 'discount',
      description: null,
      conditions: null,
      activeFrom: '2025-04-01',
      activeTo: null,
    });
  });

  it('the form shows the server’s refusal under the field it is about', async () => {
    const message = 'Организация ликвидирована: предлагать льготы от её имени нельзя';
    const sent = open({ 'POST /benefits': invalid('orgId', message) });
    await userEvent.click(await screen.findByRole('button', { name: 'Добавить льготу' }));
    const form = within(await screen.findByRole('dialog', { name: 'Новая льгота' }));
    await form.findByRole('group', { name: `Выбрано: ${primaryOrg.name}` });
    await userEvent.type(field(form, /Название/), 'Путёвка');
    await userEvent.selectOptions(form.getByRole('combobox', { name: /Вид/ }), 'voucher');
    await userEvent.click(form.getByRole('button', { name: 'Добавить' }));
    expect(await form.findByText(message)).toBeTruthy();
    expect(form.getByText('Проверьте поля, отмеченные красным.')).toBeTruthy();
    expect(sent.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('a changed benefit is sent as a patch of its own id; a date error comes back under it', async () => {
    const sent = open({
      'PATCH /benefits/5': invalid('activeTo', 'Дата окончания не может быть раньше даты начала'),
    });
    const list = await screen.findByRole('list', { name: 'Каталог льгот' });
    const card = within(within(list).getByRole('listitem', { name: /на лечение/ }));
    await userEvent.click(card.getByRole('button', { name: 'Изменить' }));
    const form = within(await screen.findByRole('dialog', { name: 'Изменение льготы' }));
    expect(field(form, /Название/).value).toBe('Материальная помощь на лечение');
    expect(field(form, /Действует с/).value).toBe('01.01.2025');
    await userEvent.type(field(form, /Название/), ' членам');
    await userEvent.click(form.getByRole('button', { name: 'Сохранить' }));
    await waitFor(() =>
      expect(sent.find((r) => r.method === 'PATCH')?.body).toEqual({
        title: 'Материальная помощь на лечение членам',
        kind: 'payment',
        description: 'Единовременная выплата',
        conditions: 'Стаж в Профсоюзе от года',
        activeFrom: '2025-01-01',
        activeTo: null,
      }),
    );
    const dateTo = field(form, /Действует по/);
    await waitFor(() => expect(dateTo.getAttribute('aria-invalid')).toBe('true'));
    expect(form.getByText('Дата окончания не может быть раньше даты начала')).toBeTruthy();
  });

  it('«Завершить» asks first, and a refusal (409) is said in the dialog', async () => {
    const message = 'Льгота уже не действует: последний день — 01.03.2025';
    const sent = open({
      'POST /benefits/5/end': reply(409, { error: { code: 'conflict', message, details: [] } }),
    });
    const list = await screen.findByRole('list', { name: 'Каталог льгот' });
    const card = within(within(list).getByRole('listitem', { name: /на лечение/ }));
    await userEvent.click(card.getByRole('button', { name: 'Завершить' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Завершить льготу' }));
    expect(dialog.getByText(/по сегодняшний день включительно/)).toBeTruthy();
    expect(sent.some((r) => r.method === 'POST')).toBe(false);
    await userEvent.click(dialog.getByRole('button', { name: 'Завершить' }));
    expect(await dialog.findByText(message)).toBeTruthy();
    expect(sent.some((r) => r.method === 'POST' && r.path === '/benefits/5/end')).toBe(true);
  });
});
