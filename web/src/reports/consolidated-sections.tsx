import { Card, Table, Title } from '@mantine/core';
import type { Consolidated, ReportForm } from '@profreestr/contracts';
import { formatCell } from './report-format';
import classes from './reports.module.css';

/**
 * The form's sections with the summed values of the accepted reports beside the register's
 * sums: three narrow columns that fit a phone (the label wraps), a difference in orange.
 * Text cells have no sum and are left out.
 */
export function ConsolidatedSections({ form, data }: { form: ReportForm; data: Consolidated }) {
  return (
    <>
      {form.sections.map((section, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: sections have no code; their order is fixed
        <Card key={index} withBorder padding="sm" radius="md" component="section">
          <Title order={2} size="h5" mb="xs" style={{ overflowWrap: 'anywhere' }}>
            {section.title}
          </Title>
          <Table verticalSpacing={6} horizontalSpacing={6} aria-label={section.title}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Показатель</Table.Th>
                <Table.Th className={classes.number} w="6.5rem">
                  По отчётам
                </Table.Th>
                <Table.Th className={classes.number} w="6.5rem">
                  По реестру
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {section.rows.flatMap((row) =>
                row.cells
                  .filter((cell) => cell.type !== 'text')
                  .map((cell) => {
                    const label =
                      row.cells.length === 1 ? row.title : `${row.title}: ${cell.title}`;
                    const value = data.values[cell.code];
                    const register = data.register[cell.code];
                    const differs =
                      register !== undefined && value !== undefined && register !== value;
                    return (
                      <Table.Tr key={cell.code} data-cell={cell.code}>
                        <Table.Th scope="row" fw={400} style={{ overflowWrap: 'anywhere' }}>
                          {label}
                        </Table.Th>
                        <Table.Td
                          className={classes.number}
                          fw={600}
                          c={differs ? 'orange.9' : undefined}
                        >
                          {formatCell(value)}
                        </Table.Td>
                        <Table.Td className={classes.number} c="dimmed">
                          {formatCell(register)}
                        </Table.Td>
                      </Table.Tr>
                    );
                  }),
              )}
            </Table.Tbody>
          </Table>
        </Card>
      ))}
    </>
  );
}
