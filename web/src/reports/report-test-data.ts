import type { Campaign, Report, ReportForm } from '@profreestr/contracts';

// What the fake server answers about statistical reports (tests only).

/** Form 5 СП, cut down: two prefilled cells, one typed, a formula and a text cell. */
export const form5sp: ReportForm = {
  code: '5sp',
  version: 1,
  title: 'Форма 5 СП',
  orgLevel: 'primary',
  sections: [
    {
      title: 'Численность',
      rows: [
        {
          code: 'r1',
          title: 'Членов Профсоюза',
          cells: [
            {
              code: 'members_total',
              title: 'Членов Профсоюза',
              type: 'integer',
              prefill: 'members_total',
              formula: null,
              required: true,
            },
          ],
        },
        {
          code: 'r2',
          title: 'Работающих членов',
          cells: [
            {
              code: 'members_working',
              title: 'Работающих членов',
              type: 'integer',
              prefill: 'members_working',
              formula: null,
              required: true,
            },
          ],
        },
        {
          code: 'r3',
          title: 'Работников',
          cells: [
            {
              code: 'employees',
              title: 'Работников',
              type: 'integer',
              prefill: null,
              formula: null,
              required: true,
            },
          ],
        },
        {
          code: 'r4',
          title: 'Охват',
          cells: [
            {
              code: 'coverage',
              title: 'Охват',
              type: 'decimal',
              prefill: null,
              formula: 'members_working / employees * 100',
              required: false,
            },
          ],
        },
      ],
    },
    {
      title: 'Сведения',
      rows: [
        {
          code: 'r5',
          title: 'Примечание',
          cells: [
            {
              code: 'note',
              title: 'Примечание',
              type: 'text',
              prefill: null,
              formula: null,
              required: false,
            },
          ],
        },
      ],
    },
  ],
  rules: [
    {
      code: 'working_le_employees',
      expr: 'members_working <= employees',
      message: 'Работающих членов не больше, чем работников',
      severity: 'error',
    },
  ],
};

/** A draft of the primary org (1): the members' count differs from the register's 12. */
export const draftReport: Report = {
  id: '31',
  campaignId: '9',
  orgId: '1',
  orgName: 'Первичная организация школы № 1',
  formCode: '5sp',
  version: 1,
  asOf: '2025-01-01',
  deadline: '2025-02-15',
  status: 'draft',
  values: { members_total: 15, members_working: 10, employees: 8, coverage: 125, note: null },
  register: { members_total: 12, members_working: 10 },
  discrepancies: [{ code: 'members_total', reported: 15, register: 12 }],
  errors: [
    {
      rule: 'working_le_employees',
      message: 'Работающих членов не больше, чем работников',
      cells: ['members_working', 'employees'],
    },
  ],
  warnings: [],
  returnComment: null,
  updatedAt: '2025-01-10T09:00:00.000Z',
  allowed: { edit: true, submit: true, accept: false, return: false },
};

/** The same report submitted, as an editor of the org above sees it. */
export const submittedReport: Report = {
  ...draftReport,
  status: 'submitted',
  errors: [],
  allowed: { edit: false, submit: false, accept: true, return: true },
};

export const openCampaign: Campaign = {
  id: '9',
  formCode: '5sp',
  formTitle: 'Форма 5 СП',
  version: 1,
  asOf: '2025-01-01',
  deadline: '2025-02-15',
  orgId: '1',
  orgName: 'Региональная организация',
  status: 'open',
  total: 10,
  created: 10,
  createdAt: '2024-12-20T10:00:00.000Z',
};

/** The sums of 7 accepted reports of 10 under the campaign's org. */
export const consolidatedSums = {
  values: { members_total: 1250, members_working: 1000, employees: 1400, coverage: 71.4 },
  register: { members_total: 1240, members_working: 1000 },
  included: 7,
  missing: 3,
};
