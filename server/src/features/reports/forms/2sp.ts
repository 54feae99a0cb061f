import type { ReportFormInput } from '@profreestr/contracts';
import { coverageSection, membershipSection, movementSection } from './shared-sections.js';

// Форма 2 СП: the territorial organization's yearly report. Counts of members come from the
// register for its whole subtree; what only the primaries know (their workforce, their
// chairmen) is summed from their accepted 5 СП for the same date (`sum:5sp.<cell>`).

export const form2sp: ReportFormInput = {
  code: '2sp',
  title: 'Форма 2 СП: статистический отчёт территориальной организации',
  orgLevel: 'territorial',
  sections: [
    membershipSection,
    {
      title: 'Первичные организации',
      rows: [
        {
          code: 'primaries_active',
          title: 'Действующих первичных организаций',
          cells: [
            {
              code: 'primaries_active',
              title: 'Действующих первичных организаций',
              type: 'integer',
              prefill: 'primaries_active',
            },
          ],
        },
      ],
    },
    {
      title: 'Работники и обучающиеся (по отчётам 5 СП первичных организаций)',
      rows: [
        {
          code: 'employees',
          title: 'Работников в организациях',
          cells: [
            {
              code: 'employees',
              title: 'Работников в организациях',
              type: 'integer',
              prefill: 'sum:5sp.employees',
              required: true,
            },
          ],
        },
        {
          code: 'students',
          title: 'Обучающихся в организациях',
          cells: [
            {
              code: 'students',
              title: 'Обучающихся в организациях',
              type: 'integer',
              prefill: 'sum:5sp.students',
              required: true,
            },
          ],
        },
      ],
    },
    coverageSection,
    movementSection,
    {
      title: 'Председатели первичных организаций (по отчётам 5 СП)',
      rows: [
        {
          code: 'chairmen',
          title: 'Первичных организаций, где председатель',
          cells: [
            {
              code: 'chairman_woman',
              title: 'Женщина',
              type: 'integer',
              prefill: 'sum:5sp.chairman_woman',
            },
            {
              code: 'chairman_under35',
              title: 'Моложе 35 лет',
              type: 'integer',
              prefill: 'sum:5sp.chairman_under35',
            },
            {
              code: 'chairman_released',
              title: 'Освобождённый работник',
              type: 'integer',
              prefill: 'sum:5sp.chairman_released',
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
      message: 'Работающих членов Профсоюза больше, чем работников',
      severity: 'error',
    },
    {
      code: 'students_le_students',
      expr: 'members_students <= students',
      message: 'Обучающихся членов Профсоюза больше, чем обучающихся',
      severity: 'error',
    },
    {
      code: 'categories_sum',
      expr: 'members_total == members_working + members_students + members_pensioners',
      message: 'Сумма по категориям не равна общей численности',
      severity: 'warning',
    },
    {
      code: 'women_le_total',
      expr: 'members_women <= members_total',
      message: 'Женщин больше, чем всего членов Профсоюза',
      severity: 'error',
    },
    {
      code: 'under35_le_total',
      expr: 'members_under35 <= members_total',
      message: 'Моложе 35 лет больше, чем всего членов Профсоюза',
      severity: 'error',
    },
    // Summed from accepted 5 СП, which may include primaries liquidated since: a warning only.
    {
      code: 'chairman_woman_le_primaries',
      expr: 'chairman_woman <= primaries_active',
      message: 'Председателей-женщин больше, чем действующих первичных организаций',
      severity: 'warning',
    },
    {
      code: 'chairman_under35_le_primaries',
      expr: 'chairman_under35 <= primaries_active',
      message: 'Председателей моложе 35 лет больше, чем действующих первичных организаций',
      severity: 'warning',
    },
    {
      code: 'chairman_released_le_primaries',
      expr: 'chairman_released <= primaries_active',
      message: 'Освобождённых председателей больше, чем действующих первичных организаций',
      severity: 'warning',
    },
  ],
};
