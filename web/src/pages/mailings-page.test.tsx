import type {
  Mailing,
  MailingListItem,
  MailingRecipient,
  StaffAction,
} from '@profreestr/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { LEAVE_QUESTION } from '../components/unsaved-changes';
import { me, type Routes, renderApp, reply, type SentRequest, stubServer } from '../test/app';
import { EDITOR, primaryOrg, VIEWER } from '../test/fixtures';

const draft: Mailing = {
  id: '5',
  subject: 'Собрание профактива',
  body: 'Уважаемые коллеги!\n\nСобрание состоится в пятницу.',
  audience: { kind: 'members', under: '1', categories: ['working'] },
  status: 'draft',
  recipients: { total: 10, withoutEmail: 2, withoutConsent: 3 },
  counts: { total: 0, queued: 0, sent: 0, failed: 0, bounced: 0, skipped: 0 },
  prepared: 0,
  createdAt: '2025-03-05T11:30:00.000Z',
  sentAt: null,
};

const sent: Mailing = {
  ...draft,
  id: '6',
  subject: 'Итоги конференции',
  audience: { kind: 'chairmen', under: '1' },
  status: 'sent',
  recipients: { total: 4, withoutEmail: 1, withoutConsent: 1 },
  counts: { total: 4, queued: 0, sent: 1, failed: 1, bounced: 0, skipped: 2 },
  prepared: 4,
  sentAt: '2025-03-06T09:00:00.000Z',
};

const listItem = ({ body: _body, counts: _counts, ...item }: Mailing): MailingListItem => item;

const recipients: MailingRecipient[] = [
  {
    kind: 'chairman',
    id: '1',
    orgId: '1',
    name: 'Иванова Анна Петровна',
    email: 'ivanova@school1.ru',
    status: 'sent',
    reason: null,
  },
  {
    kind: 'chairman',
    id: '2',
    orgId: '2',
    name: 'Сидоров Пётр Ильич',
    email: 'sidorov@example.ru',
    status: 'failed',
    reason: '550 Mailbox unavailable',
  },
  {
    kind: 'chairman',
    id: '3',
    orgId: '3',
    name: 'Кузнецова Ольга',
    email: null,
    status: 'skipped',
    reason: 'no_email',
  },
  {
    kind: 'chairman',
    id: '4',
    orgId: '4',
    name: 'Морозов Игорь',
    email: 'morozov@example.ru',
    status: 'skipped',
    reason: 'no_consent',
  },
];

/** The app over a server holding the two mailings; recipients filtered as the server does. */
function openMailings(path: string, permissions: readonly StaffAction[], routes: Routes = {}) {
  const requests = stubServer({
    'GET /auth/me': me(permissions),
    'GET /orgs/1': primaryOrg,
    'GET /orgs/1/ancestors': { items: [{ id: '1', name: primaryOrg.name, level: 'primary' }] },
    'GET /mailings': { items: [listItem(sent), listItem(draft)], nextCursor: null },
    'GET /mailings/5': draft,
    'GET /mailings/6': sent,
    'GET /mailings/6/recipients': (request) => {
      const status = request.search.get('status');
      return { items: recipients.filter((r) => !status || r.status === status), nextCursor: null };
    },
    ...routes,
  });
  renderApp(path);
  return requests;
}

const posts = (requests: SentRequest[]) => requests.filter((r) => r.method === 'POST');

describe('the mailings list', () => {
  it('an editor sees the mailings with their states and «Новая рассылка»', async () => {
    openMailings('/mailings', EDITOR);
    const list = await screen.findByRole('list', { name: 'Рассылки' });
    const cards = within(list).getAllByRole('listitem');
    expect(cards.map((card) => card.getAttribute('data-status'))).toEqual(['sent', 'draft']);
    expect(within(cards[0] as HTMLElement).getByText('Отправлена')).toBeTruthy();
    expect(within(cards[0] as HTMLElement).getByText(/получателей: 4/)).toBeTruthy();
    expect(within(cards[1] as HTMLElement).getByText('Черновик')).toBeTruthy();
    expect(within(cards[1] as HTMLElement).getByText(/получателей: 10/)).toBeTruthy();
    const compose = screen.getByRole('link', { name: 'Новая рассылка' });
    expect(compose.getAttribute('href')).toBe('/mailings/new');
  });

  it('a caller with mailing:read but not mailing:create has no «Новая рассылка»', async () => {
    openMailings('/mailings', [...VIEWER, 'mailing:read']);
    expect(await screen.findByRole('list', { name: 'Рассылки' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Новая рассылка' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Новая рассылка' })).toBeNull();
  });

  it('a viewer is refused and asks for no mailings', async () => {
    const requests = openMailings('/mailings', VIEWER);
    expect(await screen.findByText('Рассылки доступны редакторам и администраторам.')).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Новая рассылка' })).toBeNull();
    expect(requests.some((r) => r.path.startsWith('/mailings'))).toBe(false);
  });
});

describe('composing a mailing', () => {
  it('sends the subject, text and audience (members of the own org, one category)', async () => {
    const requests = openMailings('/mailings/new', EDITOR, {
      'POST /mailings': reply(201, draft),
    });
    const form = await screen.findByRole('form', { name: 'Новая рассылка' });
    // The caller's own org is chosen until they pick another.
    expect(
      await within(form).findByRole('group', { name: `Выбрано: ${primaryOrg.name}` }),
    ).toBeTruthy();
    await userEvent.type(within(form).getByLabelText('Тема'), 'Собрание профактива');
    await userEvent.type(
      within(form).getByLabelText('Текст письма'),
      'Уважаемые коллеги!{enter}{enter}Собрание состоится в пятницу.',
    );
    await userEvent.click(within(form).getByLabelText('Работающий'));
    await userEvent.click(within(form).getByRole('button', { name: 'Сохранить черновик' }));

    // The draft's page opens with its count.
    expect(
      await screen.findByText(
        'Получателей: 10, из них без e-mail: 2, без согласия: 3 — письмо получат 5',
      ),
    ).toBeTruthy();
    expect(window.location.pathname).toBe('/mailings/5');
    expect(posts(requests).map((r) => [r.path, r.body])).toEqual([
      [
        '/mailings',
        {
          subject: 'Собрание профактива',
          body: 'Уважаемые коллеги!\n\nСобрание состоится в пятницу.',
          audience: { kind: 'members', under: '1', categories: ['working'] },
        },
      ],
    ]);
  });

  it('chairmen without a level chosen go to all levels (none sent)', async () => {
    const requests = openMailings('/mailings/new', EDITOR, {
      'POST /mailings': reply(201, { ...draft, audience: { kind: 'chairmen', under: '1' } }),
    });
    const form = await screen.findByRole('form', { name: 'Новая рассылка' });
    await within(form).findByRole('group', { name: `Выбрано: ${primaryOrg.name}` });
    await userEvent.type(within(form).getByLabelText('Тема'), 'Тема');
    await userEvent.type(within(form).getByLabelText('Текст письма'), 'Текст');
    await userEvent.click(within(form).getByLabelText('Председатели'));
    expect(within(form).queryByLabelText('Работающий')).toBeNull();
    await userEvent.click(within(form).getByRole('button', { name: 'Сохранить черновик' }));
    await waitFor(() => expect(posts(requests)).toHaveLength(1));
    expect(posts(requests)[0]?.body).toMatchObject({
      audience: { kind: 'chairmen', under: '1' },
    });
    // None chosen is everybody: no `levels` at all.
    expect(posts(requests)[0]?.body).not.toHaveProperty('audience.levels');
  });

  it('shows a 422 field error at «Тема» and stays on the form', async () => {
    const message = 'Тема: строка без управляющих символов';
    openMailings('/mailings/new', EDITOR, {
      'POST /mailings': reply(422, {
        error: { code: 'invalid', message, details: [{ field: 'subject', message }] },
      }),
    });
    const form = await screen.findByRole('form', { name: 'Новая рассылка' });
    await within(form).findByRole('group', { name: `Выбрано: ${primaryOrg.name}` });
    const subject = within(form).getByLabelText('Тема');
    await userEvent.type(subject, 'Собрание');
    await userEvent.type(within(form).getByLabelText('Текст письма'), 'Текст');
    await userEvent.click(within(form).getByRole('button', { name: 'Сохранить черновик' }));

    await waitFor(() => expect(subject.getAttribute('aria-invalid')).toBe('true'));
    const described = (subject.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent ?? '');
    expect(described).toContain(message);
    expect(within(form).getByRole('alert').textContent).toContain('Проверьте выделенные поля.');
    expect(window.location.pathname).toBe('/mailings/new');
  });

  it('a link away from a form with text asks first', async () => {
    openMailings('/mailings/new', EDITOR);
    const form = await screen.findByRole('form', { name: 'Новая рассылка' });
    await userEvent.type(within(form).getByLabelText('Тема'), 'Черновик');
    const nav = screen.getByRole('navigation', { name: 'Основное меню' });
    await userEvent.click(within(nav).getByRole('link', { name: 'Рассылки' }));
    expect(await screen.findByText(LEAVE_QUESTION)).toBeTruthy();
    expect(window.location.pathname).toBe('/mailings/new');
  });

  it('without mailing:create the form is not offered', async () => {
    openMailings('/mailings/new', [...VIEWER, 'mailing:read']);
    expect(
      await screen.findByText('Создавать рассылки могут редакторы и администраторы.'),
    ).toBeTruthy();
    expect(screen.queryByRole('form', { name: 'Новая рассылка' })).toBeNull();
  });
});

describe('a mailing’s page', () => {
  it('a draft shows its counts; «Отправить» asks first, then POSTs …/send', async () => {
    const requests = openMailings('/mailings/5', EDITOR, {
      'POST /mailings/5/send': reply(202, {
        ...draft,
        status: 'sending',
        prepared: 0,
      } satisfies Mailing),
      'GET /mailings/5/recipients': { items: [], nextCursor: null },
    });
    expect(
      await screen.findByText(
        'Получателей: 10, из них без e-mail: 2, без согласия: 3 — письмо получат 5',
      ),
    ).toBeTruthy();
    expect(screen.getByText('Члены Профсоюза: работающий')).toBeTruthy();
    expect(screen.getByText('Собрание состоится в пятницу.').tagName).toBe('P');

    await userEvent.click(screen.getByRole('button', { name: 'Отправить' }));
    const dialog = await screen.findByRole('dialog', { name: 'Отправить рассылку' });
    expect(dialog.textContent).toContain('получат 5 человек');
    // Nothing goes before the confirmation.
    expect(posts(requests)).toHaveLength(0);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Отправить' }));

    expect(await screen.findByText('Отправляется')).toBeTruthy();
    expect(posts(requests).map((r) => r.path)).toEqual(['/mailings/5/send']);
    expect(screen.getByText('Готовим письма: 0 из 10 получателей')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Отправить' })).toBeNull();
  });

  it('without mailing:create a draft has no «Отправить»', async () => {
    openMailings('/mailings/5', [...VIEWER, 'mailing:read']);
    expect(await screen.findByText(/письмо получат 5/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Отправить' })).toBeNull();
  });

  it('while sending shows the delivery progress and asks again', async () => {
    const sending: Mailing = {
      ...draft,
      status: 'sending',
      prepared: 10,
      counts: { total: 10, queued: 3, sent: 2, failed: 0, bounced: 0, skipped: 5 },
    };
    const requests = openMailings('/mailings/5', EDITOR, {
      'GET /mailings/5': sending,
      'GET /mailings/5/recipients': { items: [], nextCursor: null },
    });
    expect(await screen.findByText('Отправлено писем: 2 из 5')).toBeTruthy();
    expect(screen.getByRole('progressbar', { name: 'Отправка писем' })).toBeTruthy();
    const asks = () => requests.filter((r) => r.path === '/mailings/5').length;
    const before = asks();
    await waitFor(() => expect(asks()).toBeGreaterThan(before), { timeout: 3000 });
  });

  it('a sent mailing shows the counts; its recipients filter by state with reasons in Russian', async () => {
    const requests = openMailings('/mailings/6', EDITOR);
    const counts = await screen.findByRole('list', { name: 'Доставка по состояниям' });
    expect(within(counts).getByText('Отправлено: 1')).toBeTruthy();
    expect(within(counts).getByText('Не доставлено: 1')).toBeTruthy();
    expect(within(counts).getByText('Пропущено: 2')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Отправить' })).toBeNull();

    const list = await screen.findByRole('list', { name: 'Получатели' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(4);
    expect(within(list).getByText('550 Mailbox unavailable')).toBeTruthy();

    await userEvent.selectOptions(screen.getByLabelText('Состояние'), 'Пропущено');
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(2));
    const asked = requests.filter((r) => r.path === '/mailings/6/recipients').at(-1);
    expect(asked?.search.get('status')).toBe('skipped');
    expect(within(list).getByText('нет согласия на письма')).toBeTruthy();
    expect(within(list).getByText('нет e-mail')).toBeTruthy();
    expect(within(list).queryByText('550 Mailbox unavailable')).toBeNull();
  });
});
