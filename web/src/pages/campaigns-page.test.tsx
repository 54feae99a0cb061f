import type { Org, StaffAction } from '@profreestr/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { form5sp, openCampaign } from '../reports/report-test-data';
import { me, type Routes, renderApp, type SentRequest, stubServer } from '../test/app';
import { ADMIN, EDITOR, primaryOrg } from '../test/fixtures';

const region: Org = { ...primaryOrg, level: 'regional', name: 'Региональная организация' };

function openList(permissions: readonly StaffAction[], routes: Routes = {}): SentRequest[] {
  const requests = stubServer({
    'GET /auth/me': me(permissions),
    'GET /applications/count': { submitted: 0 },
    'GET /report-campaigns': { items: [openCampaign], nextCursor: null },
    'GET /report-forms': {
      items: [
        { code: '5sp', version: 1, title: 'Форма 5 СП', orgLevel: 'primary' },
        { code: '2sp', version: 1, title: 'Форма 2 СП', orgLevel: 'territorial' },
      ],
    },
    'GET /orgs/1': region,
    'GET /report-campaigns/12': { ...openCampaign, id: '12', status: 'creating', created: 0 },
    'GET /report-forms/5sp': form5sp,
    ...routes,
  });
  renderApp('/report-campaigns');
  return requests;
}

describe('the campaigns page', () => {
  it('lists the campaigns with a link to each', async () => {
    openList(EDITOR);
    const list = await screen.findByRole('list', { name: 'Отчётные кампании' });
    const card = within(list).getByRole('listitem');
    expect(
      within(card).getByRole('link', { name: 'Форма 5 СП на 01.01.2025' }).getAttribute('href'),
    ).toBe('/report-campaigns/9');
    expect(within(card).getByText('Региональная организация')).toBeTruthy();
    expect(within(card).getByText('Срок сдачи 15.02.2025 · отчётов: 10')).toBeTruthy();
  });

  it('an editor without campaign:create is offered no new campaign', async () => {
    openList(EDITOR);
    await screen.findByRole('list', { name: 'Отчётные кампании' });
    expect(screen.queryByRole('button', { name: 'Открыть кампанию' })).toBeNull();
  });

  it('with campaign:create: the form, 1 January and the own org by default, then the campaign', async () => {
    const year = new Date().getFullYear();
    const requests = openList(ADMIN, {
      'POST /report-campaigns': { id: '12' },
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Открыть кампанию' }));
    const dialog = await screen.findByRole('dialog', { name: 'Новая отчётная кампания' });
    const form = within(dialog);
    await waitFor(() =>
      expect((form.getByLabelText(/Форма отчёта/) as HTMLSelectElement).value).toBe('5sp'),
    );
    expect((form.getByLabelText(/Дата отчёта/) as HTMLInputElement).value).toBe(`01.01.${year}`);
    expect(form.getByRole('group', { name: 'Выбрано: Региональная организация' })).toBeTruthy();

    // The deadline is required.
    await userEvent.click(form.getByRole('button', { name: 'Открыть кампанию' }));
    expect(await form.findByText('Заполните поле')).toBeTruthy();
    expect(requests.some((r) => r.method === 'POST')).toBe(false);

    await userEvent.selectOptions(form.getByLabelText(/Форма отчёта/), '2sp');
    await userEvent.type(form.getByLabelText(/Срок сдачи/), `15.02.${year}`);
    await userEvent.click(form.getByRole('button', { name: 'Открыть кампанию' }));

    await waitFor(() => expect(window.location.pathname).toBe('/report-campaigns/12'));
    const post = requests.find((r) => r.method === 'POST' && r.path === '/report-campaigns');
    expect(post?.body).toEqual({
      formCode: '2sp',
      asOf: `${year}-01-01`,
      deadline: `${year}-02-15`,
      under: '1',
    });
    expect(await screen.findByText(/Создаются отчёты: 0 из 10/)).toBeTruthy();
  });
});
