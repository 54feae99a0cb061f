import { Alert, Button, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { type DateRule, type Org, orgLevelLabels } from '@profreestr/contracts';
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { isApiError } from '../api/client';
import {
  campaignPath,
  type ReportFormSummary,
  useCreateCampaign,
  useReportForms,
} from '../api/reports';
import { DateInput, dateText, parseDateInput } from '../components/date-input';
import { errorMessage } from '../components/query-state';
import { useUnsavedChanges } from '../components/unsaved-changes';
import { OrgPicker } from '../orgs/org-picker';
import { startOfYear } from './report-format';

export const CAMPAIGN_FORM_TITLE = 'Новая отчётная кампания';

const CAMPAIGN_DATE_RULE: DateRule = { min: '2000-01-01', max: '2100-12-31' };
type Field = 'formCode' | 'asOf' | 'deadline' | 'under';
type Errors = Partial<Record<Field, string>>;
const FIELDS: readonly Field[] = ['formCode', 'asOf', 'deadline', 'under'];

/** «Форма 5 СП (первичная)»: the title and the level of the orgs that fill it in. */
const formOption = (form: ReportFormSummary) => {
  const level = orgLevelLabels[form.orgLevel] as string | undefined;
  return level ? `${form.title} (${level.toLocaleLowerCase('ru-RU')})` : form.title;
};

/** The server's refusal at the inputs; what no input shows goes above. */
function serverErrors(error: unknown): { fields: Errors; general: string | null } {
  if (!isApiError(error)) return { fields: {}, general: errorMessage(error) };
  // The org is out of the caller's reach (or gone).
  if (error.status === 404) return { fields: { under: error.message }, general: null };
  const fields: Errors = {};
  const rest: string[] = [];
  for (const { field, message } of error.details) {
    const key = FIELDS.find((f) => f === field);
    if (key && !fields[key]) fields[key] = message;
    else rest.push(message);
  }
  const general = Object.keys(fields).length === 0 ? error.message : rest.join(' ') || null;
  return { fields, general };
}

/**
 * Opens a campaign: the form, the report date (1 January of this year unless changed), the
 * deadline and the org (the user's own unless another is picked). The server then creates one
 * report for every active org of the form's level under it; the campaign's page shows how far.
 */
export function CampaignForm({ ownOrg, onCancel }: { ownOrg: Org | null; onCancel: () => void }) {
  const forms = useReportForms();
  const create = useCreateCampaign();
  const navigate = useNavigate();
  const [formCode, setFormCode] = useState('');
  const [asOf, setAsOf] = useState(() => dateText(startOfYear()));
  const [deadline, setDeadline] = useState('');
  const [picked, setPicked] = useState<Org | null | undefined>(undefined);
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const org = picked === undefined ? ownOrg : picked;
  const items = forms.data?.items ?? [];
  const chosen = formCode || items[0]?.code || '';
  const leave = useUnsavedChanges(
    (deadline !== '' || picked !== undefined || formCode !== '') && !create.isSuccess,
  );

  const clear = (field: Field) => {
    setErrors(({ [field]: _dropped, ...rest }) => rest);
    setGeneral(null);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const fields: Errors = {};
    const from = parseDateInput(asOf, CAMPAIGN_DATE_RULE, true);
    const to = parseDateInput(deadline, CAMPAIGN_DATE_RULE, true);
    if (!chosen) fields.formCode = 'Выберите форму';
    if ('error' in from) fields.asOf = from.error;
    if ('error' in to) fields.deadline = to.error;
    if (!org) fields.under = 'Выберите организацию';
    const asOfIso = 'value' in from ? from.value : null;
    const deadlineIso = 'value' in to ? to.value : null;
    if (asOfIso && deadlineIso && deadlineIso < asOfIso) {
      fields.deadline = 'Срок сдачи не раньше даты отчёта';
    }
    if (Object.keys(fields).length > 0 || !org || !asOfIso || !deadlineIso) {
      setErrors(fields);
      return;
    }
    create.mutate(
      { formCode: chosen, asOf: asOfIso, deadline: deadlineIso, under: org.id },
      {
        onSuccess: ({ id }) => navigate(campaignPath(id)),
        onError: (error) => {
          const placed = serverErrors(error);
          setErrors(placed.fields);
          setGeneral(placed.general);
        },
      },
    );
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label={CAMPAIGN_FORM_TITLE}>
      <Stack gap="md">
        {general && (
          <Alert color="red" role="alert" title="Кампания не открыта">
            {general}
          </Alert>
        )}
        {forms.isError && (
          <Alert color="red" role="alert" title="Не удалось загрузить формы">
            {errorMessage(forms.error)}
          </Alert>
        )}
        <NativeSelect
          label="Форма отчёта"
          required
          disabled={forms.isPending}
          data={
            forms.isPending
              ? [{ value: '', label: 'Загрузка…' }]
              : items.map((form) => ({
                  value: form.code,
                  label: formOption(form),
                }))
          }
          value={chosen}
          error={errors.formCode}
          onChange={(event) => {
            setFormCode(event.currentTarget.value);
            clear('formCode');
          }}
        />
        <DateInput
          label="Дата отчёта"
          description="Отчёт составляется по состоянию на эту дату."
          required
          value={asOf}
          error={errors.asOf}
          onChange={(value) => {
            setAsOf(value);
            clear('asOf');
          }}
        />
        <DateInput
          label="Срок сдачи"
          required
          value={deadline}
          error={errors.deadline}
          onChange={(value) => {
            setDeadline(value);
            clear('deadline');
          }}
        />
        <Stack gap={4}>
          <OrgPicker
            label="Организация (отчёты — в ней и входящих в неё)"
            value={org}
            onChange={(next) => {
              setPicked(next);
              clear('under');
            }}
            status="active"
          />
          {errors.under && (
            <Text size="sm" c="red" role="alert">
              {errors.under}
            </Text>
          )}
        </Stack>
        <Group>
          <Button type="submit" loading={create.isPending}>
            Открыть кампанию
          </Button>
          <Button variant="default" disabled={create.isPending} onClick={() => leave(onCancel)}>
            Отмена
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
