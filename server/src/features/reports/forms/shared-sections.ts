import type { ReportFormInput } from '@profreestr/contracts';

// Sections both 5 СП and 2 СП hold, cell for cell.

// The members on record on the date, by category, women and under 35, prefilled from the register.
export const membershipSection: ReportFormInput['sections'][number] = {
  title: 'Численность членов Профсоюза',
  rows: [
    {
      code: 'members_total',
      title: 'Всего членов Профсоюза',
      cells: [
        {
          code: 'members_total',
          title: 'Всего членов Профсоюза',
          type: 'integer',
          prefill: 'members_total',
        },
      ],
    },
    {
      code: 'members_working',
      title: 'Работающих',
      cells: [
        {
          code: 'members_working',
          title: 'Работающих членов Профсоюза',
          type: 'integer',
          prefill: 'members_working',
        },
      ],
    },
    {
      code: 'members_students',
      title: 'Обучающихся',
      cells: [
        {
          code: 'members_students',
          title: 'Обучающихся членов Профсоюза',
          type: 'integer',
          prefill: 'members_students',
        },
      ],
    },
    {
      code: 'members_pensioners',
      title: 'Неработающих пенсионеров',
      cells: [
        {
          code: 'members_pensioners',
          title: 'Неработающих пенсионеров',
          type: 'integer',
          prefill: 'members_pensioners',
        },
      ],
    },
    {
      code: 'members_women',
      title: 'Из них женщин',
      cells: [
        { code: 'members_women', title: 'Женщин', type: 'integer', prefill: 'members_women' },
      ],
    },
    {
      code: 'members_under35',
      title: 'Из них моложе 35 лет',
      cells: [
        {
          code: 'members_under35',
          title: 'Моложе 35 лет',
          type: 'integer',
          prefill: 'members_under35',
        },
      ],
    },
  ],
};

// Coverage of the workforce and of the students, computed from the cells above.
export const coverageSection: ReportFormInput['sections'][number] = {
  title: 'Охват профсоюзным членством',
  rows: [
    {
      code: 'coverage_pct',
      title: 'Охват профсоюзным членством работающих, %',
      cells: [
        {
          code: 'coverage_pct',
          title: 'Охват профсоюзным членством работающих, %',
          type: 'decimal',
          formula: 'round(members_working / employees * 100, 1)',
        },
      ],
    },
    {
      code: 'students_coverage_pct',
      title: 'Охват профсоюзным членством обучающихся, %',
      cells: [
        {
          code: 'students_coverage_pct',
          title: 'Охват профсоюзным членством обучающихся, %',
          type: 'decimal',
          formula: 'round(members_students / students * 100, 1)',
        },
      ],
    },
  ],
};

// Admitted and left during the year before the date, from the register.
export const movementSection: ReportFormInput['sections'][number] = {
  title: 'Движение за год',
  rows: [
    {
      code: 'admitted',
      title: 'Принято в Профсоюз',
      cells: [
        { code: 'admitted', title: 'Принято в Профсоюз', type: 'integer', prefill: 'admitted' },
      ],
    },
    {
      code: 'left',
      title: 'Выбыло из Профсоюза',
      cells: [{ code: 'left', title: 'Выбыло из Профсоюза', type: 'integer', prefill: 'left' }],
    },
  ],
};
