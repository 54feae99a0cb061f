import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { consolidatedSums, form5sp, openCampaign } from '../reports/report-test-data';
import { me, renderApp, stubServer } from '../test/app';
import { VIEWER } from '../test/fixtures';

function openPage(path: string) {
  const requests = stubServer({
    'GET /auth/me': me(VIEWER),
    'GET /applications/count': { submitted: 0 },
    'GET /report-campaigns/9': openCampaign,
    'GET /report-forms/5sp': form5sp,
    'GET /report-campaigns/9/consolidated': consolidatedSums,
  });
  renderApp(path);
  return requests;
}

describe('the consolidated report', () => {
  it('shows the sums beside the register’s, and how many reports are in them', async () => {
    const requests = openPage('/report-campaigns/9/consolidated?orgId=1');
    expect(
      await screen.findByRole('heading', { name: 'Сводный отчёт: Форма 5 СП', level: 1 }),
    ).toBeTruthy();
    expect(screen.getByText(/Учтено принятых отчётов/).textContent).toContain('7');
    expect(screen.getByText(/Ещё не приняты/).textContent).toContain('3');
    const table = screen.getByRole('table', { name: 'Численность' });
    const row = within(table).getByRole('row', { name: /Членов Профсоюза/ });
    expect(
      within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent?.replace(/\s/g, ' ')),
    ).toEqual(['1 250', '1 240']);
    expect(
      requests.find((r) => r.path === '/report-campaigns/9/consolidated')?.search.get('orgId'),
    ).toBe('1');
    expect(screen.getByRole('button', { name: 'Скачать XLSX' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Скачать PDF' })).toBeTruthy();
  });

  it('without orgId sums the campaign’s own org', async () => {
    const requests = openPage('/report-campaigns/9/consolidated');
    await screen.findByRole('heading', { name: 'Сводный отчёт: Форма 5 СП', level: 1 });
    expect(screen.getByText('Региональная организация')).toBeTruthy();
    const asked = requests.find((r) => r.path === '/report-campaigns/9/consolidated');
    expect(asked?.search.get('orgId')).toBe('1');
  });
});
