import { screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { cabinetMe, virtualCard } from '../cabinet/cabinet-test-data';
import { renderApp, stubServer } from '../test/app';

const QR_IMAGE = 'data:image/png;base64,AA==';
const toDataURL = vi.fn(async (_value: string, _options: object) => QR_IMAGE);
vi.mock('qrcode', () => {
  const draw = (value: string, options: object) => toDataURL(value, options);
  return { toDataURL: draw, default: { toDataURL: draw } };
});

beforeEach(() => {
  localStorage.clear();
  toDataURL.mockClear();
});

describe('the cabinet’s home', () => {
  it('draws the card: the number in fours, the holder, the org, the status and the QR code', async () => {
    stubServer({ 'GET /cabinet/card': virtualCard, 'GET /cabinet/me': cabinetMe });
    renderApp('/cabinet');
    const card = await screen.findByRole('group', { name: 'Электронный профсоюзный билет' });
    expect(within(card).getByText('7700 0000 0000 0017')).toBeTruthy();
    expect(within(card).getByText('Петров Сергей Иванович')).toBeTruthy();
    expect(within(card).getByText('Первичная организация школы № 1')).toBeTruthy();
    expect(within(card).getByText('На учёте')).toBeTruthy();
    const qr = await within(card).findByRole('img', { name: 'QR-код профсоюзного билета' });
    expect(qr.getAttribute('src')).toBe(QR_IMAGE);
    expect(toDataURL).toHaveBeenCalledWith(virtualCard.qr, expect.anything());
  });

  it('«Мои данные» tell the birth date, org, category, workplace and the chairman’s address', async () => {
    stubServer({ 'GET /cabinet/card': virtualCard, 'GET /cabinet/me': cabinetMe });
    renderApp('/cabinet');
    expect(await screen.findByText('Здравствуйте, Сергей Иванович!')).toBeTruthy();
    const data = screen.getByRole('region', { name: 'Мои данные' });
    expect(within(data).getByText('12.04.1985')).toBeTruthy();
    expect(within(data).getByText('Работающий')).toBeTruthy();
    expect(within(data).getByText('МБОУ Школа № 1')).toBeTruthy();
    expect(within(data).getByText('На учёте с 01.09.2010')).toBeTruthy();
    expect(within(data).getByText('Иванова Анна Петровна')).toBeTruthy();
    const mail = within(data).getByRole('link', { name: 'ivanova@school1.ru' });
    expect(mail.getAttribute('href')).toBe('mailto:ivanova@school1.ru');
    const nav = screen.getByRole('navigation', { name: 'Разделы кабинета' });
    expect(
      within(nav)
        .getAllByRole('link')
        .map((link) => link.getAttribute('href')),
    ).toEqual([
      '/cabinet/data',
      '/cabinet/bonuses',
      '/cabinet/benefits',
      '/cabinet/surveys',
      '/cabinet/access',
    ]);
  });

  it('without the internet shows the card kept from the last visit', async () => {
    stubServer({ 'GET /cabinet/card': virtualCard, 'GET /cabinet/me': cabinetMe });
    const first = renderApp('/cabinet');
    expect(await screen.findByText('7700 0000 0000 0017')).toBeTruthy();
    first.unmount();

    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    renderApp('/cabinet');
    expect(await screen.findByText('Нет связи с сервером')).toBeTruthy();
    expect(screen.getByText('7700 0000 0000 0017')).toBeTruthy();
  });
});
