import { Alert, Anchor, Breadcrumbs, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { CellType, Report, ReportForm } from '@profreestr/contracts';
import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { isApiError } from '../api/client';
import { isOrgId } from '../api/orgs';
import { reportFileUrl, useReport, useReportForm } from '../api/reports';
import { useCan } from '../auth/use-auth';
import { DownloadButton } from '../components/download';
import { PageLoader, QueryError } from '../components/query-state';
import { formatDate } from '../passport/field-model';
import { ReportActions } from '../reports/report-actions';
import { type CellsModel, failuresByCell, ReportSections } from '../reports/report-cells';
import { ReportFailures } from '../reports/report-failures';
import {
  REPORTS_PATH,
  REPORTS_REFUSAL,
  REPORTS_TITLE,
  ReportStatusBadge,
} from '../reports/report-format';
import { ReportHistory } from '../reports/report-history';
import { type SaveState, useAutosave } from '../reports/use-autosave';
import { NotFoundPage } from './not-found-page';

const NOT_FOUND = 'Отчёт не найден';
const BACK = { to: REPORTS_PATH, label: 'К отчётам' };

/**
 * One report (`/reports/:id`): the chairman fills it in on a phone (saved as they type) and
 * submits it; an editor above accepts it or returns it with a comment. Every button comes from
 * `report.allowed`.
 */
export function ReportPage() {
  const { id } = useParams();
  const can = useCan();
  if (!can('report:read')) return <Refusal />;
  if (!isOrgId(id)) return <NotFoundPage title={NOT_FOUND} back={BACK} />;
  // A new id is a new page: what was typed and the notices go.
  return <ReportScreen key={id} id={id} />;
}

function Refusal() {
  useDocumentTitle(`${REPORTS_TITLE} — Профреестр`);
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {REPORTS_TITLE}
      </Title>
      <Text c="dimmed">{REPORTS_REFUSAL}</Text>
    </Stack>
  );
}

function ReportScreen({ id }: { id: string }) {
  const report = useReport(id);
  const form = useReportForm(report.data?.formCode, report.data?.version);
  const title = form.data?.title ?? 'Отчёт';
  useDocumentTitle(`${title}${report.data ? `: ${report.data.orgName}` : ''} — Профреестр`);

  // Reports outside the caller's subtree answer 404 too, indistinguishable from missing ones.
  if (isApiError(report.error, 404)) return <NotFoundPage title={NOT_FOUND} back={BACK} />;
  if (!report.data) {
    if (report.isError) return <QueryError error={report.error} onRetry={() => report.refetch()} />;
    return <PageLoader />;
  }
  if (!form.data) {
    if (form.isError) return <QueryError error={form.error} onRetry={() => form.refetch()} />;
    return <PageLoader label="Загрузка формы…" />;
  }
  return <ReportEditor report={report.data} form={form.data} />;
}

function ReportEditor({ report, form }: { report: Report; form: ReportForm }) {
  const types = useMemo(() => {
    const map = new Map<string, CellType>();
    for (const section of form.sections)
      for (const row of section.rows) for (const cell of row.cells) map.set(cell.code, cell.type);
    return map;
  }, [form]);
  const autosave = useAutosave(report, types);
  const readOnly = !report.allowed.edit;
  const failures = useMemo(
    () => failuresByCell(report.errors, report.warnings),
    [report.errors, report.warnings],
  );
  const model: CellsModel = {
    // A report no longer editable shows what the server holds.
    cellValue: readOnly ? (code) => report.values[code] : autosave.cellValue,
    change: autosave.change,
    registerOf: (code) =>
      report.register[code] ?? report.discrepancies.find((d) => d.code === code)?.register,
    failures,
    cellErrors: readOnly ? {} : autosave.cellErrors,
    readOnly,
  };

  return (
    <Stack gap="md">
      <nav aria-label="Путь">
        <Breadcrumbs separatorMargin={6}>
          <Anchor component={Link} to={REPORTS_PATH} size="sm">
            {REPORTS_TITLE}
          </Anchor>
          <Text size="sm" aria-current="page" style={{ overflowWrap: 'anywhere' }}>
            {report.orgName}
          </Text>
        </Breadcrumbs>
      </nav>
      <Stack gap={4} component="header">
        <Title order={1} size="h3" style={{ overflowWrap: 'anywhere' }}>
          {form.title}
        </Title>
        <Text fw={500} style={{ overflowWrap: 'anywhere' }}>
          {report.orgName}
        </Text>
        <Text size="sm" c="dimmed">
          По состоянию на {formatDate(report.asOf)} · срок сдачи {formatDate(report.deadline)}
        </Text>
        <Group gap="sm" mt={4} aria-live="polite">
          <ReportStatusBadge status={report.status} size="md" />
          {/* A save refused because the report left the draft (409) is still said. */}
          {(!readOnly || autosave.state.kind === 'failed') && (
            <SaveStatus state={autosave.state} onRetry={() => void autosave.flush()} />
          )}
        </Group>
      </Stack>
      {report.status === 'returned' && report.returnComment && (
        <Alert color="orange" title="Отчёт возвращён на доработку" role="note">
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {report.returnComment}
          </Text>
        </Alert>
      )}
      {readOnly && report.status !== 'returned' && (
        <Text size="sm" c="dimmed">
          Отчёт открыт только для просмотра.
        </Text>
      )}
      <ReportFailures errors={report.errors} warnings={report.warnings} form={form} />
      <ReportSections form={form} model={model} />
      <ReportActions report={report} flush={autosave.flush} />
      <Group gap="sm" align="flex-start">
        <DownloadButton
          variant="default"
          href={reportFileUrl(report.id, 'xlsx')}
          fileName={`Отчёт ${report.formCode} ${report.asOf}.xlsx`}
          label="Скачать XLSX"
        />
        <DownloadButton
          variant="default"
          href={reportFileUrl(report.id, 'pdf')}
          fileName={`Отчёт ${report.formCode} ${report.asOf}.pdf`}
          label="Скачать PDF"
        />
      </Group>
      <ReportHistory id={report.id} />
    </Stack>
  );
}

/** How the autosave goes: «Сохранение…», «Сохранено», or what failed with «Повторить». */
function SaveStatus({ state, onRetry }: { state: SaveState; onRetry: () => void }) {
  if (state.kind === 'failed') {
    return (
      <Group gap="xs" role="alert">
        <Text size="sm" c="red.8">
          Не сохранено. {state.message}
        </Text>
        <Button size="compact-sm" variant="subtle" color="red" onClick={onRetry}>
          Повторить
        </Button>
      </Group>
    );
  }
  const text =
    state.kind === 'waiting' || state.kind === 'saving'
      ? 'Сохранение…'
      : state.kind === 'saved'
        ? 'Сохранено'
        : '';
  return (
    <Text size="sm" c="dimmed" role="status">
      {text}
    </Text>
  );
}
