import {
  deregisterReasonLabels,
  deregisterReasons,
  type ReportFormInput,
} from '@profreestr/contracts';
import { coverageSection, membershipSection, movementSection } from './shared-sections.js';

// Форма 5 СП: the primary organization's yearly report. Counts of members and their movement
// come from the register as of the report date (prefill = the register source of that name);
// the organization enters what the register does not know: its workforce and its bodies.

export const form5sp: ReportFormInput = {
  code: '5sp',
  title: 'Форма 5 СП: статистический отчёт первичной профсоюзной организации',
  orgLevel: 'primary',
  sections: [
    membershipSection,
    {
      title: 'Работники и обучающиеся организации',
      rows: [
        {
          code: 'employees',
          title: 'Работников в организации',
          cells: [
            {
              code: 'employees',
              title: 'Работников в организации',
              type: 'integer',
              required: true,
            },
          ],
        },
        {
          code: 'students',
          title: 'Обучающихся в организации',
          cells: [
            {
              code: 'students',
              title: 'Обучающихся в организации',
              type: 'integer',
              required: true,
            },
          ],
        },
      ],
    },
    coverageSection,
    movementSection,
    {
      title: 'Выбыло по причинам',
      // One row per reason of the register, so a new reason reaches the form by itself.
      rows: deregisterReasons.map((reason) => ({
        code: `left_${reason}`,
        title: deregisterReasonLabels[reason],
        cells: [
          {
            code: `left_${reason}`,
            title: deregisterReasonLabels[reason],
            type: 'integer' as const,
            prefill: `left_${reason}`,
          },
        ],
      })),
    },
    {
      title: 'Профсоюзные органы',
      rows: [
        {
          code: 'chairman',
          title: 'Председатель первичной организации',
          cells: [
            {
              code: 'chairman_woman',
              title: 'Председатель — женщина (1 — да, 0 — нет)',
              type: 'integer',
            },
            {
              code: 'chairman_under35',
              title: 'Председатель моложе 35 лет (1 — да, 0 — нет)',
              type: 'integer',
            },
            {
              code: 'chairman_released',
              title: 'Председатель — освобождённый работник (1 — да, 0 — нет)',
              type: 'integer',
            },
          ],
        },
        {
          code: 'bodies',
          title: 'Выборные органы',
          cells: [
            { code: 'committee_size', title: 'Членов профкома', type: 'integer' },
            {
              code: 'audit_commission_size',
              title: 'Членов контрольно-ревизионной комиссии',
              type: 'integer',
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
    {
      code: 'left_by_reasons',
      expr: `left == ${deregisterReasons.map((reason) => `left_${reason}`).join(' + ')}`,
      message: 'Сумма по причинам выбытия не равна числу выбывших',
      severity: 'warning',
    },
    {
      code: 'chairman_woman_flag',
      expr: 'chairman_woman <= 1',
      message: 'Председатель — женщина: 1 — да, 0 — нет',
      severity: 'error',
    },
    {
      code: 'chairman_under35_flag',
      expr: 'chairman_under35 <= 1',
      message: 'Председатель моложе 35 лет: 1 — да, 0 — нет',
      severity: 'error',
    },
    {
      code: 'chairman_released_flag',
      expr: 'chairman_released <= 1',
      message: 'Председатель — освобождённый работник: 1 — да, 0 — нет',
      severity: 'error',
    },
    {
      code: 'committee_size_min',
      expr: 'committee_size >= 3',
      message: 'В профкоме обычно не меньше 3 человек',
      severity: 'warning',
    },
  ],
};
