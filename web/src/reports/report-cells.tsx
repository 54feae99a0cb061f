import { Accordion, Badge, Group, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import type { CellValue, FormCell, ReportForm, RuleFailure } from '@profreestr/contracts';
import type { ReactNode } from 'react';
import { formatCell } from './report-format';
import type { RawValue } from './use-autosave';

// The form's sections as collapsible blocks, a row's cells as inputs: numbers with a numeric
// keyboard, text as text; prefilled cells marked «из реестра» with the register's value (and
// a hint when the report says otherwise); formulas read-only; each rule failure beside the
// cells it names.

export interface CellFailures {
  errors: string[];
  warnings: string[];
}

/** Rule failures by the cells they name. */
export function failuresByCell(errors: RuleFailure[], warnings: RuleFailure[]) {
  const byCell = new Map<string, CellFailures>();
  const at = (code: string) => {
    let entry = byCell.get(code);
    if (!entry) {
      entry = { errors: [], warnings: [] };
      byCell.set(code, entry);
    }
    return entry;
  };
  for (const failure of errors)
    for (const code of failure.cells) at(code).errors.push(failure.message);
  for (const failure of warnings)
    for (const code of failure.cells) at(code).warnings.push(failure.message);
  return byCell;
}

export interface CellsModel {
  cellValue: (code: string) => RawValue | CellValue | undefined;
  change: (code: string, raw: RawValue) => void;
  /** The register's value of a prefilled cell. */
  registerOf: (code: string) => number | undefined;
  failures: Map<string, CellFailures>;
  /** Errors of the last save or submit, by cell. */
  cellErrors: Record<string, string>;
  readOnly: boolean;
}

/** The number a cell holds, for comparing with the register; null when none. */
const numberOf = (value: RawValue | CellValue | undefined): number | null => {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string' || value.trim() === '') return null;
  const number = Number(value.replace(',', '.'));
  return Number.isFinite(number) ? number : null;
};

export function ReportSections({ form, model }: { form: ReportForm; model: CellsModel }) {
  const all = form.sections.map((_, index) => String(index));
  return (
    <Accordion multiple defaultValue={all} variant="separated" chevronPosition="right">
      {form.sections.map((section, index) => {
        const failing = section.rows.some((row) =>
          row.cells.some((cell) => (model.failures.get(cell.code)?.errors.length ?? 0) > 0),
        );
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: sections have no code; their order is fixed
          <Accordion.Item key={index} value={String(index)}>
            <Accordion.Control>
              <Group gap="xs" wrap="nowrap">
                <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                  {section.title}
                </Text>
                {failing && (
                  <Badge color="red" variant="light" tt="none" size="sm">
                    есть ошибки
                  </Badge>
                )}
              </Group>
            </Accordion.Control>
            <Accordion.Panel>
              <Stack gap="md">
                {section.rows.map((row) =>
                  row.cells.length === 1 ? (
                    <Cell
                      key={row.code}
                      cell={row.cells[0] as FormCell}
                      label={row.title}
                      model={model}
                    />
                  ) : (
                    <Stack key={row.code} gap="xs" role="group" aria-label={row.title}>
                      <Text fw={500} size="sm" style={{ overflowWrap: 'anywhere' }}>
                        {row.title}
                      </Text>
                      {row.cells.map((cell) => (
                        <Cell key={cell.code} cell={cell} label={cell.title} model={model} />
                      ))}
                    </Stack>
                  ),
                )}
              </Stack>
            </Accordion.Panel>
          </Accordion.Item>
        );
      })}
    </Accordion>
  );
}

function Cell({ cell, label, model }: { cell: FormCell; label: string; model: CellsModel }) {
  const value = model.cellValue(cell.code);
  const failures = model.failures.get(cell.code);
  const errorText =
    [model.cellErrors[cell.code], ...(failures?.errors ?? [])].filter(Boolean).join(' ') ||
    undefined;
  const description = [
    cell.title !== label ? cell.title : null,
    cell.formula ? 'Считается автоматически' : null,
  ]
    .filter(Boolean)
    .join('. ');
  const common = {
    label,
    description: description || undefined,
    required: cell.required,
    error: errorText,
    'data-cell': cell.code,
  };

  let input: ReactNode;
  if (cell.formula) {
    input = <TextInput {...common} readOnly value={formatCell(value as CellValue)} />;
  } else if (cell.type === 'text') {
    input = (
      <TextInput
        {...common}
        readOnly={model.readOnly}
        maxLength={2000}
        autoComplete="off"
        value={typeof value === 'string' ? value : value == null ? '' : String(value)}
        onChange={(event) => model.change(cell.code, event.currentTarget.value)}
      />
    );
  } else {
    input = (
      <NumberInput
        {...common}
        readOnly={model.readOnly}
        hideControls
        allowDecimal={cell.type === 'decimal'}
        decimalSeparator=","
        inputMode={cell.type === 'decimal' ? 'decimal' : 'numeric'}
        autoComplete="off"
        value={value === null || value === undefined ? '' : (value as number | string)}
        onChange={(next) => model.change(cell.code, next)}
      />
    );
  }

  return (
    <Stack gap={4} data-cell-block={cell.code}>
      {input}
      {cell.prefill && <RegisterHint value={value} register={model.registerOf(cell.code)} />}
      {failures?.warnings.map((message) => (
        <Text key={message} size="sm" c="yellow.9" data-warning>
          {message}
        </Text>
      ))}
    </Stack>
  );
}

/** «из реестра» and the register's value; when the report says otherwise, a visible hint. */
function RegisterHint({
  value,
  register,
}: {
  value: RawValue | CellValue | undefined;
  register: number | undefined;
}) {
  const reported = numberOf(value);
  const differs = register !== undefined && reported !== null && reported !== register;
  return (
    <Group gap={6} wrap="wrap">
      <Badge variant="light" color="gray" tt="none" size="sm">
        из реестра
      </Badge>
      {register !== undefined &&
        (differs ? (
          <Text size="sm" c="orange.9" fw={500} data-discrepancy>
            Не совпадает с реестром: в реестре: {formatCell(register)}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            в реестре: {formatCell(register)}
          </Text>
        ))}
    </Group>
  );
}
