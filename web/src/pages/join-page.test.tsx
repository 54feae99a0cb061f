import type { PublicOrg } from '@profreestr/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { type Routes, renderApp, reply, type SentRequest, stubServer } from '../test/app';

const school: PublicOrg = {
  id: '5',
  name: 'Первичная организация школы № 15',
  regionName: 'Московская областная организация',
  eduOrgName: 'МБОУ Средняя школа № 15',
};

const invalid = (details: { field: string; message: string }[]) =>
  reply(422, { error: { code: 'invalid', message: 'Проверьте введённые данные', details } });

function openJoin(routes: Routes = {}) {
  const sent = stubServer({
    'GET /public/regions': { items: [{ id: '50', name: 'Московская областная организация' }] },
    'GET /public/orgs': { items: [school], nextCursor: null },
    'POST /applications': reply(201, { id: '42', status: 'unconfirmed' }),
    'POST /applications/42/confirm': { id: '42', status: 'submitted' },
    ...routes,
  });
  renderApp('/join');
  return sent;
}

/** Step 1: finds the school by a few words and picks it. */
async function pickSchool() {
  await userEvent.type(await screen.findByLabelText(/Ваша школа, детский сад/), 'школа 15');
  const found = await screen.findByRole('list', { name: 'Найденные организации' });
  await userEvent.click(
    within(found).getByRole('button', { name: /Первичная организация школы № 15/ }),
  );
  return screen.findByRole('form', { name: 'Заявление о вступлении' });
}

/** Types a text at once (as pasted): a long form typed key by key is slow in a simulated DOM. */
async function enter(input: HTMLElement, text: string) {
  await userEvent.click(input);
  await userEvent.paste(text);
}

/** Step 2: everything the form requires, as a schoolteacher fills it in. */
async function fillForm(form: HTMLElement) {
  const field = (label: RegExp) => within(form).getByLabelText(label);
  await enter(field(/^Фамилия/), 'Кузнецова');
  await enter(field(/^Имя/), 'Мария');
  await userEvent.click(within(form).getByLabelText('Женский'));
  await userEvent.type(field(/^Дата рождения/), '14051990');
  await userEvent.click(within(form).getByLabelText('Работающий'));
  await enter(field(/^Должность/), 'Учитель математики');
  await enter(field(/^Электронная почта/), 'Kuznetsova@Example.ru');
  await userEvent.click(
    within(form).getByLabelText('Я согласен(на) на обработку моих персональных данных'),
  );
}

const posts = (sent: SentRequest[]) =>
  sent.filter((r) => r.method === 'POST').map((r) => [r.path, r.body]);

beforeEach(() => sessionStorage.clear());

describe('joining the union: finding the school', () => {
  it('searches once the typing pauses, with the region chosen', async () => {
    const sent = openJoin();
    const region = await screen.findByLabelText('Регион');
    await screen.findByRole('option', { name: 'Московская областная организация' });
    await userEvent.selectOptions(region, '50');
    await userEvent.type(screen.getByLabelText(/Ваша школа, детский сад/), 'школа 15');
    const searches = () =>
      sent
        .filter((r) => r.path === '/public/orgs')
        .map((r) => [r.search.get('q'), r.search.get('regionId')]);
    // The region alone lists its primaries; then one search for the words typed, not one a key.
    await waitFor(() =>
      expect(searches()).toEqual([
        [null, '50'],
        ['школа 15', '50'],
      ]),
    );
    expect(await screen.findByText('МБОУ Средняя школа № 15')).toBeTruthy();
  });
});

// A long form: more time than the default on a busy machine.
describe('joining the union: the application', { timeout: 20_000 }, () => {
  it('asks the course of students only, and their place of study', async () => {
    openJoin();
    const form = await pickSchool();
    expect(within(form).queryByLabelText('Курс')).toBeNull();
    expect(within(form).getByLabelText(/^Должность/)).toBeTruthy();
    // The workplace starts as the school chosen.
    expect((within(form).getByLabelText(/^Место работы/) as HTMLInputElement).value).toBe(
      'МБОУ Средняя школа № 15',
    );

    await userEvent.click(within(form).getByLabelText('Обучающийся'));
    expect(within(form).getByLabelText('Курс')).toBeTruthy();
    expect(within(form).getByLabelText(/^Место учёбы/)).toBeTruthy();
    expect(within(form).queryByLabelText(/^Должность/)).toBeNull();

    await userEvent.click(within(form).getByLabelText('Неработающий пенсионер'));
    expect(within(form).queryByLabelText('Курс')).toBeNull();
  });

  it('shows the consent’s text in full and sends nothing without the tick', async () => {
    const sent = openJoin();
    const form = await pickSchool();
    expect(within(form).getByText(/Я согласен\(на\), чтобы Профсоюз хранил/)).toBeTruthy();
    await userEvent.click(within(form).getByRole('button', { name: 'Отправить заявление' }));
    expect(
      await within(form).findByText(
        'Без согласия на обработку персональных данных заявление не принять',
      ),
    ).toBeTruthy();
    expect(posts(sent)).toEqual([]);
  });

  it('puts each field error of a 422 under its field', async () => {
    const sent = openJoin({
      'POST /applications': invalid([
        { field: 'email', message: 'Адрес электронной почты вида name@example.ru' },
        { field: 'workplace', message: 'Не длиннее 300 символов' },
      ]),
    });
    const form = await pickSchool();
    await fillForm(form);
    await userEvent.click(within(form).getByRole('button', { name: 'Отправить заявление' }));

    expect(
      await within(form).findByText('Адрес электронной почты вида name@example.ru'),
    ).toBeTruthy();
    expect(within(form).getByText('Не длиннее 300 символов')).toBeTruthy();
    expect(
      within(form)
        .getByLabelText(/^Электронная почта/)
        .getAttribute('aria-invalid'),
    ).toBe('true');
    expect(
      within(form)
        .getByLabelText(/^Место работы/)
        .getAttribute('aria-invalid'),
    ).toBe('true');
    expect(within(form).getByRole('alert').textContent).toContain('Проверьте поля');
    expect(posts(sent)).toEqual([
      [
        '/applications',
        {
          orgId: '5',
          lastName: 'Кузнецова',
          firstName: 'Мария',
          middleName: null,
          sex: 'female',
          birthDate: '1990-05-14',
          category: 'working',
          workplace: 'МБОУ Средняя школа № 15',
          position: 'Учитель математики',
          studyCourse: null,
          phone: null,
          email: 'kuznetsova@example.ru',
          pdConsent: true,
        },
      ],
    ]);
  });

  it('confirms with the code from the letter and says where the decision will come', async () => {
    const sent = openJoin();
    const form = await pickSchool();
    await fillForm(form);
    await userEvent.click(within(form).getByRole('button', { name: 'Отправить заявление' }));

    expect(
      await screen.findByRole('heading', { name: 'Шаг 3 из 3. Введите код из письма' }),
    ).toBeTruthy();
    expect(screen.getByText('kuznetsova@example.ru')).toBeTruthy();
    await userEvent.type(screen.getByLabelText('Код из письма'), '654321');
    await userEvent.click(screen.getByRole('button', { name: 'Подтвердить' }));

    const done = await screen.findByRole('status');
    expect(done.textContent).toContain(
      'Заявление отправлено председателю профсоюзной организации «Первичная организация школы № 15»',
    );
    expect(done.textContent).toContain('Решение придёт на почту kuznetsova@example.ru');
    expect(done.textContent).toContain('Номер вашего заявления: 42');
    expect(posts(sent).at(-1)).toEqual(['/applications/42/confirm', { code: '654321' }]);
  });

  it('a wrong code shows the server’s message under the code', async () => {
    const message = 'Неверный код: проверьте последнее письмо с кодом';
    openJoin({ 'POST /applications/42/confirm': invalid([{ field: 'code', message }]) });
    const form = await pickSchool();
    await fillForm(form);
    await userEvent.click(within(form).getByRole('button', { name: 'Отправить заявление' }));
    const code = await screen.findByLabelText('Код из письма');
    await userEvent.type(code, '000000');
    await userEvent.click(screen.getByRole('button', { name: 'Подтвердить' }));
    expect(await screen.findByText(message)).toBeTruthy();
    await waitFor(() => expect(code.getAttribute('aria-invalid')).toBe('true'));
  });
});

describe('the status of an application', () => {
  it('is told by its number and e-mail, with the reason of a refusal', async () => {
    const sent = openJoin({
      'GET /applications/42/status': {
        status: 'rejected',
        rejectReason: 'Школа не входит в эту организацию',
      },
    });
    const form = await screen.findByRole('form', { name: 'Узнать статус заявления' });
    await userEvent.type(within(form).getByLabelText('Номер заявления'), '42');
    await userEvent.type(
      within(form).getByLabelText('Электронная почта из заявления'),
      'kuznetsova@example.ru',
    );
    await userEvent.click(within(form).getByRole('button', { name: 'Узнать статус' }));
    const answer = await within(form).findByRole('status');
    expect(answer.textContent).toContain('Статус: Отклонено');
    expect(answer.textContent).toContain('Причина: Школа не входит в эту организацию');
    const asked = sent.find((r) => r.path === '/applications/42/status');
    expect(asked?.search.get('email')).toBe('kuznetsova@example.ru');
  });
});

describe('the ways in', () => {
  it('the staff’s sign-in page links to joining the union', async () => {
    stubServer({ 'GET /auth/me': reply(401, { error: { code: 'unauthenticated', message: '' } }) });
    renderApp('/login');
    const link = await screen.findByRole('link', { name: 'Вступить в Профсоюз' });
    expect(link.getAttribute('href')).toBe('/join');
  });
});
