import type { ConsentChange } from '@profreestr/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { cabinetMe, consentLedger } from '../cabinet/cabinet-test-data';
import { PD_WITHDRAW_TITLE } from '../cabinet/consent-switches';
import { type Routes, renderApp, reply, type SentRequest, stubServer } from '../test/app';

beforeEach(() => localStorage.clear());

/** The data page over a server that answers a consent as it was asked. */
function openData(routes: Routes = {}) {
  const sent = stubServer({
    'GET /cabinet/me': cabinetMe,
    'GET /cabinet/consents': { items: consentLedger },
    'POST /cabinet/consents': (request) =>
      reply(201, {
        ...(request.body as ConsentChange),
        version: '2026-01',
        at: '2025-03-05T12:00:00.000Z',
        by: 'member',
      }),
    ...routes,
  });
  renderApp('/cabinet/data');
  return sent;
}

const consentPosts = (sent: SentRequest[]) =>
  sent.filter((r) => r.method === 'POST' && r.path === '/cabinet/consents').map((r) => r.body);

const consentSwitch = (name: string) => screen.findByRole('switch', { name });

describe('the consents in the cabinet', () => {
  it('each switch shows the state in force: the card’s, and the ledger’s for the bonus programme', async () => {
    openData();
    const states = await Promise.all(
      [
        'Обработка персональных данных',
        'Письма на e-mail',
        'SMS',
        'Уведомления в приложении',
        'Бонусная программа PROFCARDS',
      ].map(async (name) => ((await consentSwitch(name)) as HTMLInputElement).checked),
    );
    expect(states).toEqual([true, true, false, false, true]);
    // The wording agreed to is shown in full.
    expect(screen.getByText(/Получать короткие сообщения Профсоюза на телефон/)).toBeTruthy();
  });

  it('turning a switch posts its kind and the new state', async () => {
    const sent = openData();
    await userEvent.click(await consentSwitch('SMS'));
    await waitFor(() =>
      expect(consentPosts(sent)).toEqual([{ kind: 'notify_sms', granted: true }]),
    );
    await userEvent.click(await consentSwitch('Бонусная программа PROFCARDS'));
    await waitFor(() =>
      expect(consentPosts(sent)).toEqual([
        { kind: 'notify_sms', granted: true },
        { kind: 'bonus_programme', granted: false },
      ]),
    );
  });

  it('withdrawing the consent to process personal data asks first, saying what follows', async () => {
    const sent = openData();
    const pd = await consentSwitch('Обработка персональных данных');

    await userEvent.click(pd);
    let dialog = await screen.findByRole('dialog', { name: PD_WITHDRAW_TITLE });
    expect(
      within(dialog).getByText(/в вашей карточке будет отмечено, что согласия нет/),
    ).toBeTruthy();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Не отзывать' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(consentPosts(sent)).toEqual([]);
    expect((pd as HTMLInputElement).checked).toBe(true);

    await userEvent.click(pd);
    dialog = await screen.findByRole('dialog', { name: PD_WITHDRAW_TITLE });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Отозвать' }));
    await waitFor(() => expect(consentPosts(sent)).toEqual([{ kind: 'pd', granted: false }]));
  });

  it('giving a consent back is not asked about', async () => {
    const sent = openData({
      'GET /cabinet/me': { ...cabinetMe, member: { ...cabinetMe.member, pdConsent: null } },
    });
    const pd = await consentSwitch('Обработка персональных данных');
    expect((pd as HTMLInputElement).checked).toBe(false);
    await userEvent.click(pd);
    await waitFor(() => expect(consentPosts(sent)).toEqual([{ kind: 'pd', granted: true }]));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('lists the history newest first: when, what, given or withdrawn, the wording’s version', async () => {
    openData();
    const history = await screen.findByRole('list', { name: 'История согласий' });
    const items = within(history).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      expect.stringMatching(
        /Бонусная программа PROFCARDS: дано.*Редакция текста 2026-01; вы, в личном кабинете/,
      ),
      expect.stringMatching(/Письма на e-mail: дано.*профсоюзная организация/),
      expect.stringMatching(/Обработка персональных данных: дано/),
    ]);
  });
});

describe('the member’s contacts', () => {
  it('saves the phone and address, and puts a 422’s message under its field', async () => {
    const message = 'Телефон: 10 цифр российского номера, например +7 912 345-67-89';
    const sent = openData({
      'PATCH /cabinet/me': reply(422, {
        error: { code: 'invalid', message, details: [{ field: 'phone', message }] },
      }),
    });
    const form = await screen.findByRole('form', { name: 'Мои контакты' });
    const phone = within(form).getByLabelText('Телефон');
    expect((phone as HTMLInputElement).value).toBe('+7 912 345-67-89');
    await userEvent.clear(phone);
    await userEvent.type(phone, '12345');
    await userEvent.type(within(form).getByLabelText('Адрес'), 'Москва, ул. Ленина, 1');
    await userEvent.click(within(form).getByRole('button', { name: 'Сохранить' }));

    expect(await within(form).findByText(message)).toBeTruthy();
    expect(phone.getAttribute('aria-invalid')).toBe('true');
    expect(sent.filter((r) => r.method === 'PATCH').map((r) => r.body)).toEqual([
      { phone: '12345', address: 'Москва, ул. Ленина, 1' },
    ]);
  });
});
