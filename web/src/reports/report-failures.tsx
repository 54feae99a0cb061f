import { Alert, List, Text } from '@mantine/core';
import type { ReportForm, RuleFailure } from '@profreestr/contracts';

/** The titles of the form's cells by code (a row of one cell goes by the row's title). */
export function cellTitles(form: ReportForm): Map<string, string> {
  const titles = new Map<string, string>();
  for (const section of form.sections) {
    for (const row of section.rows) {
      for (const cell of row.cells) {
        titles.set(cell.code, row.cells.length === 1 ? row.title : `${row.title}: ${cell.title}`);
      }
    }
  }
  return titles;
}

function FailureList({ items, titles }: { items: RuleFailure[]; titles: Map<string, string> }) {
  return (
    <List size="sm" spacing={4}>
      {items.map((failure) => {
        const cells = failure.cells.map((code) => titles.get(code) ?? code);
        return (
          <List.Item key={`${failure.rule}:${failure.message}`} data-rule={failure.rule}>
            {failure.message}
            {cells.length > 0 && (
              <Text span size="sm" c="dimmed">
                {' '}
                ({cells.join('; ')})
              </Text>
            )}
          </List.Item>
        );
      })}
    </List>
  );
}

/**
 * The rule failures of the report as saved, on top of the form: errors (the report cannot be
 * submitted with them) and warnings (worth a look). Each is also shown beside its cells.
 */
export function ReportFailures({
  errors,
  warnings,
  form,
}: {
  errors: RuleFailure[];
  warnings: RuleFailure[];
  form: ReportForm;
}) {
  if (errors.length === 0 && warnings.length === 0) return null;
  const titles = cellTitles(form);
  return (
    <>
      {errors.length > 0 && (
        <Alert color="red" title="Ошибки в отчёте" role="region" aria-label="Ошибки в отчёте">
          <FailureList items={errors} titles={titles} />
        </Alert>
      )}
      {warnings.length > 0 && (
        <Alert color="yellow" title="Предупреждения" role="region" aria-label="Предупреждения">
          <FailureList items={warnings} titles={titles} />
        </Alert>
      )}
    </>
  );
}
