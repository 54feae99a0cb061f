import type { Letter, LetterDetail, StaffAction } from '@profreestr/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { me, type Routes, renderApp, reply, type SentRequest, stubServer } from '../test/app';
import { ADMIN, EDITOR, emptyPage, VIEWER } from '../test/fixtures';

const REFUSAL = 'Почта доступна только администраторам.';

const sentLetter: Letter = {
  id: '11',
  kind: 'member_registered',
  to: 'chair@school1.ru',
  subject: 'Новый член Профсоюза: Петров С. И.',
  status: 'sent',
  attempts: 1,
  lastError: null,
  createdAt: '2025-03-05T11:30:00.000Z',
  sentAt: '2025-03-05T11:30:05.000Z',
};

const failedLetter: Letter = {
  id: '12',
  kind: 'cabinet_invitation',
  to: 'petrov@example.ru',
  subject: 'Приглашение в личный кабинет',
  status: 'failed',
  attempts: 5,
  lastError: '550 Mailbox unavailable',
  createdAt: '2025-03-04T08:00:00.000Z',
  sentAt: null,
};

const queuedLetter: Letter = {
  ...sentLetter,
  id: '13',
  kind: 'login_code',
  to: 'ivanova@example.ru',
  subject: 'Код входа',
  status: 'queued',
  attempts: 0,
  sentAt: null,
};

const letters = [sentLetter, failedLetter, queuedLetter];

const detailOf = (letter: Letter): LetterDetail => ({
  ...letter,
  toName: 'Петров Сергей',
  messageId: `<${letter.id}@profreestr.example>`,
  text: `Здравствуйте, Сергей Иванович!\n\nСсылка: https://profreestr.example/cabinet/${letter.id}`,
  html: '<!doctype html><html><body><p>Здравствуйте!</p><script>alert(1)</script></body></html>',
  nextAttemptAt: null,
  textPurgedAt: null,
});

/** The outbox: `GET /mail/messages` filters by `status` as the server does. */
function openMail(path: string, permissions: readonly StaffAction[], routes: Routes = {}) {
  const sent = stubServer({
    'GET /auth/me': me(permissions),
    'GET /mail/messages': (request) => {
      const status = request.search.get('status');
      return { items: letters.filter((l) => !status || l.status === status), nextCursor: null };
    },
    'GET /mail/messages/12': detailOf(failedLetter),
    ...routes,
  });
  renderApp(path);
  return sent;
}

const listRequests = (sent: SentRequest[]) =>
  sent.filter((request) => request.method === 'GET' && request.path === '/mail/messages');

describe('the mail section', () => {
  it('an admin sees the letters with their states and filters by state', async () => {
    const sent = openMail('/mail', ADMIN);
    const list = await screen.findByRole('list', { name: 'Письма' });
    const cards = within(list).getAllByRole('listitem');
    expect(cards.map((card) => card.getAttribute('data-status'))).toEqual([
      'sent',
      'failed',
      'queued',
    ]);
    expect(within(cards[0] as HTMLElement).getByText('Отправлено')).toBeTruthy();
    expect(within(cards[1] as HTMLElement).getByText('Не доставлено')).toBeTruthy();
    expect(within(cards[1] as HTMLElement).getByText('550 Mailbox unavailable')).toBeTruthy();
    expect(within(cards[2] as HTMLElement).getByText('В очереди')).toBeTruthy();
    expect(within(cards[1] as HTMLElement).getByText(/Приглашение в кабинет/)).toBeTruthy();
    expect(
      screen.getByText(
        'Письма уходят через почтовый сервер; пока он не настроен, они ждут в очереди и не теряются.',
      ),
    ).toBeTruthy();

    await userEvent.selectOptions(screen.getByLabelText('Состояние'), 'Не доставлено');

    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(1));
    expect(within(list).getByText('Приглашение в личный кабинет')).toBeTruthy();
    expect(listRequests(sent).at(-1)?.search.get('status')).toBe('failed');
    expect(window.location.search).toBe('?status=failed');
  });

  it('filters by the recipient once the typing pauses', async () => {
    const sent = openMail('/mail', ADMIN);
    await screen.findByRole('list', { name: 'Письма' });
    await userEvent.type(screen.getByLabelText('Получатель'), 'petrov@');
    await waitFor(() => expect(listRequests(sent).at(-1)?.search.get('to')).toBe('petrov@'));
    // One request for the whole address, not one per letter typed.
    expect(listRequests(sent).filter((request) => request.search.has('to'))).toHaveLength(1);
  });

  it('says when there are no letters yet', async () => {
    openMail('/mail', ADMIN, { 'GET /mail/messages': emptyPage });
    expect(await screen.findByText('Писем пока нет.')).toBeTruthy();
  });

  it('without mail:read the page refuses, as the audit journal does, and asks for nothing', async () => {
    const sent = openMail('/mail', EDITOR);
    expect(await screen.findByText(REFUSAL)).toBeTruthy();
    expect(listRequests(sent)).toHaveLength(0);
  });

  it('a letter opened without mail:read is refused and not asked for', async () => {
    const sent = openMail('/mail/12', EDITOR);
    expect(await screen.findByText(REFUSAL)).toBeTruthy();
    expect(sent.some((request) => request.path.startsWith('/mail/'))).toBe(false);
  });

  it('a failed letter offers «Отправить ещё раз» to mail:manage and sends POST …/resend', async () => {
    // The server's letter: queued again once resent.
    let letter = detailOf(failedLetter);
    const sent = openMail('/mail/12', ADMIN, {
      'GET /mail/messages/12': () => letter,
      'POST /mail/messages/12/resend': () => {
        letter = { ...letter, status: 'queued', lastError: null };
        return letter;
      },
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Отправить ещё раз' }));
    const dialog = await screen.findByRole('dialog', { name: 'Отправить письмо ещё раз' });
    // Nothing goes before the confirmation.
    expect(sent.some((request) => request.method === 'POST')).toBe(false);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Отправить' }));

    expect(await screen.findByText(/Письмо снова в очереди/)).toBeTruthy();
    const posts = sent.filter((request) => request.method === 'POST');
    expect(posts.map((request) => request.path)).toEqual(['/mail/messages/12/resend']);
    // Now queued: nothing to send again.
    expect(await screen.findByText('В очереди')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Отправить ещё раз' })).toBeNull();
  });

  it('a refused resend is said in Russian in the dialog', async () => {
    openMail('/mail/12', ADMIN, {
      'POST /mail/messages/12/resend': reply(409, {
        error: {
          code: 'conflict',
          message: 'Письмо уже в очереди или отправлено: повторять нечего',
          details: [],
        },
      }),
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Отправить ещё раз' }));
    const dialog = await screen.findByRole('dialog', { name: 'Отправить письмо ещё раз' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Отправить' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain('Письмо уже в очереди или отправлено: повторять нечего');
  });

  it('without mail:manage a failed letter has no «Отправить ещё раз»', async () => {
    openMail('/mail/12', [...VIEWER, 'mail:read']);
    expect(await screen.findByRole('heading', { name: failedLetter.subject })).toBeTruthy();
    expect(screen.getByText('550 Mailbox unavailable')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Отправить ещё раз' })).toBeNull();
  });

  it('a sent letter has no «Отправить ещё раз», even for mail:manage', async () => {
    openMail('/mail/11', ADMIN, { 'GET /mail/messages/11': detailOf(sentLetter) });
    expect(await screen.findByRole('heading', { name: sentLetter.subject })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Отправить ещё раз' })).toBeNull();
  });

  it('shows the text body as sent and previews the HTML in an empty sandbox', async () => {
    openMail('/mail/12', ADMIN);
    const frame = await screen.findByTitle('Письмо в формате HTML');
    expect(frame.tagName).toBe('IFRAME');
    expect(frame.getAttribute('sandbox')).toBe('');
    expect(frame.getAttribute('srcdoc')).toBe(detailOf(failedLetter).html);
    const text = screen.getByText(/Здравствуйте, Сергей Иванович!/);
    expect(text.tagName).toBe('PRE');
    expect(screen.getByText('Петров Сергей <petrov@example.ru>')).toBeTruthy();
  });

  it('a letter whose text was deleted by the retention rule says so, with its state kept', async () => {
    openMail('/mail/11', ADMIN, {
      'GET /mail/messages/11': {
        ...detailOf(sentLetter),
        text: '',
        html: '',
        textPurgedAt: '2026-12-03T10:00:00.000Z',
      },
    });
    expect(await screen.findByRole('heading', { name: sentLetter.subject })).toBeTruthy();
    expect(screen.getByText(/Текст письма удалён .* по сроку хранения/)).toBeTruthy();
    expect(screen.queryByTitle('Письмо в формате HTML')).toBeNull();
    expect(screen.getByText(/^Петров Сергей </)).toBeTruthy();
  });
});
