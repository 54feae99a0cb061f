import type { Report, StaffAction } from '@profreestr/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { draftReport, form5sp, submittedReport } from '../reports/report-test-data';
import { me, type Routes, renderApp, reply, type SentRequest, stubServer } from '../test/app';
import { EDITOR, VIEWER } from '../test/fixtures';

/**
 * The app on report 31, over a server that keeps it: a PATCH changes what it holds, as the
 * server would (formulas and rules left as they were).
 */
function openReport(
  permissions: readonly StaffAction[],
  report: Report = draftReport,
  routes: Routes = {},
) {
  let current = report;
  const requests = stubServer({
    'GET /auth/me': me(permissions),
    'GET /applications/count': { submitted: 0 },
    'GET /reports/31': () => current,
    'GET /reports/31/history': {
      items: [{ at: '2025-01-05T08:00:00.000Z', action: 'created', by: null, comment: null }],
    },
    'GET /report-forms/5sp': form5sp,
    'PATCH /reports/31': (request) => {
      const { values } = request.body as { values: Report['values'] };
      current = { ...current, values: { ...current.values, ...values } };
      return current;
    },
    ...routes,
  });
  renderApp('/reports/31');
  return requests;
}

const patches = (requests: SentRequest[]) => requests.filter((r) => r.method === 'PATCH');
const heading = () => screen.findByRole('heading', { name: 'Форма 5 СП', level: 1 });
/** The block of a cell: its input and what is shown under it. */
const cellBlock = (input: HTMLElement) => input.closest('[data-cell-block]') as HTMLElement;

describe('a report’s page', () => {
  it('shows the header: form, org, the date, the deadline and the status', async () => {
    openReport(VIEWER);
    await heading();
    expect(screen.getAllByText('Первичная организация школы № 1').length).toBeGreaterThan(0);
    expect(screen.getByText('По состоянию на 01.01.2025 · срок сдачи 15.02.2025')).toBeTruthy();
    expect(screen.getByText('Черновик')).toBeTruthy();
    // The form's history at the bottom.
    expect(await screen.findByText('Отчёт создан')).toBeTruthy();
  });

  it('marks prefilled cells «из реестра» and shows where the report differs from the register', async () => {
    openReport(VIEWER);
    await heading();
    expect(screen.getAllByText('из реестра')).toHaveLength(2);

    const total = cellBlock(screen.getByLabelText(/^Членов Профсоюза/));
    expect(within(total).getByText('Не совпадает с реестром: в реестре: 12')).toBeTruthy();
    const working = cellBlock(screen.getByLabelText(/^Работающих членов/));
    expect(within(working).getByText('в реестре: 10')).toBeTruthy();
    expect(within(working).queryByText(/Не совпадает/)).toBeNull();
    // A typed cell has no mark; a formula is read-only with its computed value.
    expect(
      within(cellBlock(screen.getByLabelText(/^Работников/))).queryByText('из реестра'),
    ).toBeNull();
    const coverage = screen.getByLabelText(/^Охват/) as HTMLInputElement;
    expect(coverage.readOnly).toBe(true);
    expect(coverage.value).toBe('125');
  });

  it('shows a failing rule beside the cells it names and in the list on top', async () => {
    openReport(VIEWER);
    await heading();
    const message = 'Работающих членов не больше, чем работников';
    const list = screen.getByRole('region', { name: 'Ошибки в отчёте' });
    expect(within(list).getByText(message)).toBeTruthy();

    const employees = screen.getByLabelText(/^Работников/);
    expect(employees.getAttribute('aria-invalid')).toBe('true');
    expect(within(cellBlock(employees)).getByText(message)).toBeTruthy();
    const total = screen.getByLabelText(/^Членов Профсоюза/);
    expect(total.getAttribute('aria-invalid')).not.toBe('true');
  });

  it('a returned report shows what to fix on top', async () => {
    openReport(EDITOR, {
      ...draftReport,
      status: 'returned',
      returnComment: 'Уточните число работников',
    });
    await heading();
    expect(screen.getByText('Возвращён')).toBeTruthy();
    const note = screen.getByRole('note');
    expect(note.textContent).toContain('Отчёт возвращён на доработку');
    expect(note.textContent).toContain('Уточните число работников');
  });

  it('the discrepancy hint follows what is typed', async () => {
    openReport(EDITOR);
    await heading();
    const total = screen.getByLabelText(/^Членов Профсоюза/);
    await userEvent.clear(total);
    await userEvent.type(total, '12');
    expect(within(cellBlock(total)).queryByText(/Не совпадает/)).toBeNull();
    expect(within(cellBlock(total)).getByText('в реестре: 12')).toBeTruthy();
  });

  it('a chairman’s draft has «Сдать отчёт», not «Принять» nor «Вернуть»', async () => {
    openReport(EDITOR);
    await heading();
    expect(screen.getByRole('button', { name: 'Сдать отчёт' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Принять' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Вернуть на доработку' })).toBeNull();
  });

  it('a submitted report allowed to accept: «Принять» and «Вернуть», read-only cells', async () => {
    // The buttons follow `report.allowed` alone: even a «viewer» by `me()` sees them.
    openReport(VIEWER, submittedReport);
    await heading();
    expect(screen.getByRole('button', { name: 'Принять' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Вернуть на доработку' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Сдать отчёт' })).toBeNull();
    expect((screen.getByLabelText(/^Работников/) as HTMLInputElement).readOnly).toBe(true);
  });

  it('saves a draft a moment after typing: one PATCH with the changed cell', async () => {
    const requests = openReport(EDITOR);
    await heading();
    const employees = screen.getByLabelText(/^Работников/) as HTMLInputElement;
    await userEvent.clear(employees);
    await userEvent.type(employees, '12');
    expect(patches(requests)).toHaveLength(0);

    await waitFor(() => expect(patches(requests)).toHaveLength(1), { timeout: 3000 });
    expect(patches(requests)[0]?.body).toEqual({ values: { employees: 12 } });
    expect(await screen.findByText('Сохранено')).toBeTruthy();
    expect(employees.value).toBe('12');
  });

  it('«Сдать отчёт» right after typing saves the cells first, then submits', async () => {
    const requests = openReport(EDITOR, draftReport, {
      'POST /reports/31/submit': {
        ...submittedReport,
        allowed: { ...submittedReport.allowed, accept: false, return: false },
      },
    });
    await heading();
    const employees = screen.getByLabelText(/^Работников/);
    await userEvent.clear(employees);
    await userEvent.type(employees, '11');
    await userEvent.click(screen.getByRole('button', { name: 'Сдать отчёт' }));

    expect(await screen.findByText(/Отчёт сдан\./)).toBeTruthy();
    const writes = requests.filter((r) => r.method !== 'GET');
    expect(writes.map((r) => [r.method, r.path, r.body])).toEqual([
      ['PATCH', '/reports/31', { values: { employees: 11 } }],
      ['POST', '/reports/31/submit', null],
    ]);
    expect(screen.getByText('Сдан')).toBeTruthy();
  });

  it('a cell the server refuses on save shows its message beside it', async () => {
    openReport(EDITOR, draftReport, {
      'PATCH /reports/31': reply(422, {
        error: {
          code: 'invalid',
          message: 'Проверьте значения',
          details: [{ field: 'values.note', message: 'Не длиннее 2000 символов' }],
        },
      }),
    });
    await heading();
    const note = screen.getByLabelText(/^Примечание/);
    await userEvent.type(note, 'Текст');
    expect(await screen.findByText('Не длиннее 2000 символов', {}, { timeout: 3000 })).toBeTruthy();
    expect(note.getAttribute('aria-invalid')).toBe('true');
  });

  it('«Сдать отчёт» refused with 422 lists the failing rules', async () => {
    const message = 'Работающих членов не больше, чем работников';
    const requests = openReport(EDITOR, draftReport, {
      'POST /reports/31/submit': reply(422, {
        error: {
          code: 'invalid',
          message: 'Отчёт не сдан: не выполнены условия формы',
          details: [{ field: 'rules.working_le_employees', message }],
        },
      }),
    });
    await heading();
    await userEvent.click(screen.getByRole('button', { name: 'Сдать отчёт' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Отчёт не сдан: не выполнены условия формы');
    expect(within(alert).getByRole('list', { name: 'Не выполнены условия' }).textContent).toContain(
      message,
    );
    expect(requests.some((r) => r.method === 'POST' && r.path === '/reports/31/submit')).toBe(true);
  });

  it('«Вернуть на доработку» asks what to fix and posts it', async () => {
    const returned: Report = {
      ...draftReport,
      status: 'returned',
      returnComment: 'Уточните число работников',
      allowed: { edit: false, submit: false, accept: false, return: false },
    };
    const requests = openReport(EDITOR, submittedReport, {
      'POST /reports/31/return': returned,
    });
    await heading();
    await userEvent.click(screen.getByRole('button', { name: 'Вернуть на доработку' }));
    const dialog = await screen.findByRole('dialog', { name: 'Вернуть на доработку' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Вернуть' }));
    expect(await within(dialog).findByText('Напишите, что исправить')).toBeTruthy();
    await userEvent.type(
      within(dialog).getByLabelText(/Что исправить/),
      'Уточните число работников',
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Вернуть' }));

    expect(await screen.findByText('Отчёт возвращён на доработку')).toBeTruthy();
    expect(screen.getAllByText('Уточните число работников').length).toBeGreaterThan(0);
    const post = requests.find((r) => r.path === '/reports/31/return');
    expect(post?.body).toEqual({ comment: 'Уточните число работников' });
  });

  it('without report:read the page is refused and asks for nothing', async () => {
    const requests = openReport(['org:read', 'member:read']);
    expect(
      await screen.findByText(
        'Статистические отчёты доступны председателям и сотрудникам организаций Профсоюза.',
      ),
    ).toBeTruthy();
    expect(requests.some((r) => r.path.startsWith('/reports'))).toBe(false);
  });
});
