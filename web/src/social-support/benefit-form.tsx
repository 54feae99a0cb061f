import {
  Alert,
  Button,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import {
  activeDatesProblem,
  type Benefit,
  type BenefitKind,
  benefitCreateSchema,
  benefitKindLabels,
  benefitKinds,
  benefitPatchSchema,
  type Org,
  todayIso,
} from '@profreestr/contracts';
import { type FormEvent, useState } from 'react';
import { useChangeBenefit, useCreateBenefit } from '../api/benefits';
import { useOrg } from '../api/orgs';
import { placedFormErrors } from '../cabinet/form-errors';
import { DateInput, dateText, parseDateInput } from '../components/date-input';
import { useUnsavedChanges } from '../components/unsaved-changes';
import { OrgPicker } from '../orgs/org-picker';
import { clearFieldError, FORM_ERRORS_NONE, type FormErrors } from '../passport/api-errors';
import { issueFields } from './social-format';

const KEYS = ['orgId', 'title', 'kind', 'description', 'conditions', 'activeFrom', 'activeTo'];

interface Values {
  title: string;
  kind: BenefitKind | '';
  description: string;
  conditions: string;
  /** Dates as typed, ДД.ММ.ГГГГ. */
  activeFrom: string;
  activeTo: string;
}
type Key = keyof Values;

const KIND_OPTIONS = [
  { value: '', label: 'Выберите вид' },
  ...benefitKinds.map((value) => ({ value, label: benefitKindLabels[value] })),
];

const valuesOf = (benefit: Benefit | undefined): Values => ({
  title: benefit?.title ?? '',
  kind: benefit?.kind ?? '',
  description: benefit?.description ?? '',
  conditions: benefit?.conditions ?? '',
  // A new benefit is offered from today unless another day is typed.
  activeFrom: dateText(benefit?.activeFrom ?? todayIso()),
  activeTo: dateText(benefit?.activeTo),
});

type Parsed<T> =
  | { success: true; data: T }
  | { success: false; error: Parameters<typeof issueFields>[0] };
type Checked<T> = { body: T } | { fields: Record<string, string> };

/** The values as the API takes them (dates `YYYY-MM-DD`), and what is wrong with a typed date. */
function bodyOf(values: Values) {
  const from = parseDateInput(values.activeFrom, {}, true);
  const to = parseDateInput(values.activeTo, {});
  const raw = {
    title: values.title,
    kind: values.kind,
    description: values.description,
    conditions: values.conditions,
    activeFrom: 'value' in from ? from.value : '',
    activeTo: 'value' in to ? to.value : null,
  };
  // A half-typed date says what is wrong with the text, not with the date it is not yet.
  const problems: Record<string, string> = {};
  if ('error' in from) problems.activeFrom = from.error;
  if ('error' in to) problems.activeTo = to.error;
  // The schema checks the order only once every other field is right; said at once here.
  const order = raw.activeFrom && raw.activeTo && activeDatesProblem(raw.activeFrom, raw.activeTo);
  if (order) problems.activeTo = order;
  return { raw, problems };
}

/**
 * The contract's own schema decides (the same rules and Russian messages as the server's):
 * the body to send, or the message under each wrong input.
 */
function checked<T>(parsed: Parsed<T>, problems: Record<string, string>): Checked<T> {
  const fields = { ...(parsed.success ? {} : issueFields(parsed.error)), ...problems };
  if (parsed.success && Object.keys(fields).length === 0) return { body: parsed.data };
  return { fields };
}

interface BenefitFormProps {
  /** The benefit to change; none: a new one. */
  benefit?: Benefit | undefined;
  /** The org a new benefit is offered from unless another is chosen (the page's or the user's). */
  defaultOrgId?: string | undefined;
  onCancel: () => void;
  /** Said on the page once saved. */
  onSaved: (notice: string) => void;
}

/** A benefit of the catalogue: new (from an org of the subtree) or changed (its org stays). */
export function BenefitForm({ benefit, defaultOrgId, onCancel, onSaved }: BenefitFormProps) {
  const [values, setValues] = useState<Values>(() => valuesOf(benefit));
  const [errors, setErrors] = useState<FormErrors>(FORM_ERRORS_NONE);
  // A new benefit's org: the default until another is picked (null: «Выбрать другую» pressed).
  const fallback = useOrg(benefit ? '' : (defaultOrgId ?? ''));
  const [picked, setPicked] = useState<Org | null | undefined>(undefined);
  const org = picked === undefined ? (fallback.data ?? null) : picked;
  const create = useCreateBenefit();
  const change = useChangeBenefit(benefit?.id ?? '');
  const saving = create.isPending || change.isPending;
  const initial = valuesOf(benefit);
  const dirty = (Object.keys(initial) as Key[]).some((key) => values[key] !== initial[key]);
  const leave = useUnsavedChanges(dirty || picked !== undefined);

  const set = (key: Key, value: string) => {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors((current) => clearFieldError(current, key));
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const { raw, problems } = bodyOf(values);
    const invalid = (fields: Record<string, string>) =>
      setErrors({ fields, general: 'Проверьте поля, отмеченные красным.' });
    const onError = (error: unknown) => setErrors(placedFormErrors(error, KEYS));
    if (benefit) {
      const result = checked(benefitPatchSchema.safeParse(raw), problems);
      if ('fields' in result) return invalid(result.fields);
      setErrors(FORM_ERRORS_NONE);
      change.mutate(result.body, {
        onSuccess: (saved) => onSaved(`Льгота «${saved.title}» сохранена.`),
        onError,
      });
      return;
    }
    if (!org) problems.orgId = 'Выберите организацию';
    const result = checked(
      benefitCreateSchema.safeParse({ ...raw, orgId: org?.id ?? '' }),
      problems,
    );
    if ('fields' in result) return invalid(result.fields);
    setErrors(FORM_ERRORS_NONE);
    create.mutate(result.body, {
      onSuccess: (saved) => onSaved(`Льгота «${saved.title}» добавлена в каталог.`),
      onError,
    });
  };

  const error = (key: string) => errors.fields[key] || undefined;
  const title = benefit ? 'Изменение льготы' : 'Новая льгота';

  return (
    <form onSubmit={onSubmit} noValidate aria-label={title}>
      <Stack gap="md">
        {errors.general && (
          <Alert color="red" role="alert" title="Не удалось сохранить льготу">
            {errors.general}
          </Alert>
        )}
        {benefit ? (
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            Предлагает: <b>{benefit.orgName}</b>
          </Text>
        ) : (
          <Stack gap={4}>
            <OrgPicker
              label="Предлагает организация"
              value={org}
              status="active"
              onChange={(next) => {
                setPicked(next);
                setErrors((current) => clearFieldError(current, 'orgId'));
              }}
            />
            <Text size="xs" c="dimmed">
              Льготу смогут получить члены Профсоюза этой организации и входящих в неё.
            </Text>
            {error('orgId') && (
              <Text size="sm" c="red" role="alert">
                {error('orgId')}
              </Text>
            )}
          </Stack>
        )}
        <TextInput
          label="Название"
          required
          maxLength={200}
          value={values.title}
          error={error('title')}
          onChange={(event) => set('title', event.currentTarget.value)}
        />
        <NativeSelect
          label="Вид"
          required
          data={KIND_OPTIONS}
          value={values.kind}
          error={error('kind')}
          onChange={(event) => set('kind', event.currentTarget.value)}
        />
        <Textarea
          label="Описание"
          autosize
          minRows={2}
          maxRows={8}
          maxLength={4000}
          value={values.description}
          error={error('description')}
          onChange={(event) => set('description', event.currentTarget.value)}
        />
        <Textarea
          label="Условия"
          description="Кому и когда положена льгота, какие документы нужны"
          autosize
          minRows={2}
          maxRows={8}
          maxLength={4000}
          value={values.conditions}
          error={error('conditions')}
          onChange={(event) => set('conditions', event.currentTarget.value)}
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
          <DateInput
            label="Действует с"
            required
            value={values.activeFrom}
            error={error('activeFrom')}
            onChange={(text) => set('activeFrom', text)}
          />
          <DateInput
            label="Действует по"
            description="Пусто — без срока окончания"
            value={values.activeTo}
            error={error('activeTo')}
            onChange={(text) => set('activeTo', text)}
          />
        </SimpleGrid>
        <Group>
          <Button type="submit" loading={saving}>
            {benefit ? 'Сохранить' : 'Добавить'}
          </Button>
          <Button variant="default" onClick={() => leave(onCancel)} disabled={saving}>
            Отмена
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
