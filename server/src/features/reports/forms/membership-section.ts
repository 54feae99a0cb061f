import type { ReportFormInput } from '@profreestr/contracts';

// What both 5 СП and 2 СП count first: the members on record on the date, by category, women and
// under 35, every cell prefilled from the register.
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
