import {
  Alert,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Paper,
  Radio,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import {
  consentTexts,
  type MemberCategory,
  memberBirthRule,
  memberCategories,
  memberCategoryLabels,
  type PublicOrg,
  sexes,
  sexLabels,
} from '@profreestr/contracts';
import { type FormEvent, useState } from 'react';
import { isApiError } from '../api/client';
import { type ApplicationBody, useCreateApplication } from '../api/join';
import { RetryWait } from '../auth/retry-wait';
import { useRetryCountdown } from '../auth/use-retry-countdown';
import { placedFormErrors } from '../cabinet/form-errors';
import { DateInput, parseDateInput } from '../components/date-input';
import { clearFieldError, FORM_ERRORS_NONE, type FormErrors } from '../passport/api-errors';

/** The form's own fields, as typed (the consent a checkbox). */
interface Values {
  lastName: string;
  firstName: string;
  middleName: string;
  sex: string;
  birthDate: string;
  category: string;
  workplace: string;
  position: string;
  studyCourse: string;
  phone: string;
  email: string;
}
type Key = keyof Values | 'pdConsent';

const FIELDS: Key[] = [
  'lastName',
  'firstName',
  'middleName',
  'sex',
  'birthDate',
  'category',
  'workplace',
  'position',
  'studyCourse',
  'phone',
  'email',
  'pdConsent',
];

const REQUIRED = 'Заполните поле';
const COURSES = ['1', '2', '3', '4', '5', '6'];

const isCategory = (value: string): value is MemberCategory =>
  (memberCategories as readonly string[]).includes(value);
const isSex = (value: string): value is (typeof sexes)[number] =>
  (sexes as readonly string[]).includes(value);
const blankToNull = (value: string) => value.trim() || null;

/** What can be told before asking the server: the empty required fields and the date. */
function checkValues(values: Values, pdConsent: boolean) {
  const fields: Record<string, string> = {};
  for (const key of ['lastName', 'firstName', 'workplace', 'email'] as const) {
    if (!values[key].trim()) fields[key] = REQUIRED;
  }
  if (!isSex(values.sex)) fields.sex = 'Выберите пол';
  if (!isCategory(values.category)) fields.category = 'Выберите, кто вы сейчас';
  const birth = parseDateInput(values.birthDate, memberBirthRule, true);
  if ('error' in birth) fields.birthDate = birth.error;
  if (!pdConsent) {
    fields.pdConsent = 'Без согласия на обработку персональных данных заявление не принять';
  }
  return { fields, birthDate: 'value' in birth ? birth.value : null };
}

export interface SubmittedApplication {
  id: string;
  email: string;
  orgName: string;
}

interface JoinFormProps {
  org: PublicOrg;
  onSubmitted: (application: SubmittedApplication) => void;
  onChangeOrg: () => void;
}

/** Step 2: about the person, and the consent to process their data, read in full. */
export function JoinForm({ org, onSubmitted, onChangeOrg }: JoinFormProps) {
  const create = useCreateApplication();
  const wait = useRetryCountdown(create.error);
  const [values, setValues] = useState<Values>({
    lastName: '',
    firstName: '',
    middleName: '',
    sex: '',
    birthDate: '',
    category: '',
    workplace: org.eduOrgName ?? '',
    position: '',
    studyCourse: '',
    phone: '',
    email: '',
  });
  const [pdConsent, setPdConsent] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(FORM_ERRORS_NONE);
  const student = values.category === 'student';
  const orgRefused =
    isApiError(create.error) && create.error.details.some((d) => d.field === 'orgId');

  const set = (key: keyof Values) => (value: string) => {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors((current) => clearFieldError(current, key));
  };
  const error = (key: Key) => errors.fields[key] || undefined;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checked = checkValues(values, pdConsent);
    if (Object.keys(checked.fields).length > 0) {
      setErrors({ fields: checked.fields, general: 'Проверьте поля, отмеченные красным.' });
      return;
    }
    setErrors(FORM_ERRORS_NONE);
    const course = student && values.studyCourse ? Number(values.studyCourse) : null;
    const body: ApplicationBody = {
      orgId: org.id,
      lastName: values.lastName.trim(),
      firstName: values.firstName.trim(),
      middleName: blankToNull(values.middleName),
      sex: values.sex as ApplicationBody['sex'],
      birthDate: checked.birthDate as string,
      category: values.category as MemberCategory,
      workplace: values.workplace.trim(),
      position: student ? null : blankToNull(values.position),
      studyCourse: course,
      phone: blankToNull(values.phone),
      email: values.email.trim().toLowerCase(),
      pdConsent: true,
    };
    create.mutate(body, {
      onSuccess: ({ id }) => onSubmitted({ id, email: body.email, orgName: org.name }),
      // A field the form does not show (the course of a non-student) goes to the alert.
      onError: (failure) =>
        setErrors(
          placedFormErrors(
            failure,
            FIELDS.filter((key) => student || key !== 'studyCourse'),
          ),
        ),
    });
  };

  return (
    <form onSubmit={onSubmit} aria-label="Заявление о вступлении" noValidate>
      <Stack gap="md">
        <Paper withBorder radius="md" p="md" bg="blue.0">
          <Text size="sm" c="dimmed">
            Ваша профсоюзная организация
          </Text>
          <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
            {org.name}
          </Text>
          {org.eduOrgName && <Text size="sm">{org.eduOrgName}</Text>}
          <Button variant="subtle" size="sm" px={0} onClick={onChangeOrg}>
            Выбрать другую
          </Button>
        </Paper>

        {errors.general && (
          <Alert color="red" role="alert" title="Заявление не отправлено">
            <Stack gap="xs" align="flex-start">
              <Text size="sm">{errors.general}</Text>
              {orgRefused && (
                <Button size="sm" variant="light" color="red" onClick={onChangeOrg}>
                  Выбрать организацию заново
                </Button>
              )}
            </Stack>
          </Alert>
        )}

        <TextInput
          label="Фамилия"
          size="md"
          autoComplete="family-name"
          value={values.lastName}
          onChange={(e) => set('lastName')(e.currentTarget.value)}
          error={error('lastName')}
          withAsterisk
        />
        <TextInput
          label="Имя"
          size="md"
          autoComplete="given-name"
          value={values.firstName}
          onChange={(e) => set('firstName')(e.currentTarget.value)}
          error={error('firstName')}
          withAsterisk
        />
        <TextInput
          label="Отчество"
          description="Если есть"
          size="md"
          autoComplete="additional-name"
          value={values.middleName}
          onChange={(e) => set('middleName')(e.currentTarget.value)}
          error={error('middleName')}
        />
        <Radio.Group
          label="Пол"
          value={values.sex}
          onChange={set('sex')}
          error={error('sex')}
          withAsterisk
        >
          <Group gap="xl" mt={4}>
            {(['female', 'male'] as const).map((sex) => (
              <Radio key={sex} value={sex} label={sexLabels[sex]} size="md" />
            ))}
          </Group>
        </Radio.Group>
        <DateInput
          label="Дата рождения"
          size="md"
          autoComplete="bday"
          value={values.birthDate}
          onChange={set('birthDate')}
          error={error('birthDate')}
          withAsterisk
        />
        <Radio.Group
          label="Кто вы сейчас"
          value={values.category}
          onChange={(value) => {
            set('category')(value);
            setErrors((current) => clearFieldError(current, 'studyCourse'));
          }}
          error={error('category')}
          withAsterisk
        >
          <Stack gap="xs" mt={4}>
            {memberCategories.map((category) => (
              <Radio
                key={category}
                value={category}
                label={memberCategoryLabels[category]}
                size="md"
              />
            ))}
          </Stack>
        </Radio.Group>
        <TextInput
          label={student ? 'Место учёбы' : 'Место работы'}
          description="Полное название организации, например «МБОУ Средняя школа № 1»"
          size="md"
          autoComplete="organization"
          value={values.workplace}
          onChange={(e) => set('workplace')(e.currentTarget.value)}
          error={error('workplace')}
          withAsterisk
        />
        {student ? (
          <NativeSelect
            label="Курс"
            size="md"
            value={values.studyCourse}
            onChange={(e) => set('studyCourse')(e.currentTarget.value)}
            data={[
              { value: '', label: 'Не выбран' },
              ...COURSES.map((c) => ({ value: c, label: `${c} курс` })),
            ]}
            error={error('studyCourse')}
          />
        ) : (
          <TextInput
            label="Должность"
            description="Например, учитель математики"
            size="md"
            autoComplete="organization-title"
            value={values.position}
            onChange={(e) => set('position')(e.currentTarget.value)}
            error={error('position')}
          />
        )}
        <TextInput
          label="Телефон"
          description="Если хотите, чтобы председатель мог позвонить"
          type="tel"
          inputMode="tel"
          size="md"
          autoComplete="tel"
          value={values.phone}
          onChange={(e) => set('phone')(e.currentTarget.value)}
          error={error('phone')}
        />
        <TextInput
          label="Электронная почта"
          description="На неё придёт код подтверждения, а потом решение по заявлению"
          type="email"
          inputMode="email"
          size="md"
          autoComplete="email"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          value={values.email}
          onChange={(e) => set('email')(e.currentTarget.value)}
          error={error('email')}
          withAsterisk
        />

        <Paper withBorder radius="md" p="md">
          <Stack gap="sm">
            <Title order={3} size="h5">
              {consentTexts.pd.title}
            </Title>
            <Text size="sm">{consentTexts.pd.text}</Text>
            <Checkbox
              size="md"
              label="Я согласен(на) на обработку моих персональных данных"
              checked={pdConsent}
              onChange={(e) => {
                setPdConsent(e.currentTarget.checked);
                setErrors((current) => clearFieldError(current, 'pdConsent'));
              }}
              error={error('pdConsent')}
            />
          </Stack>
        </Paper>

        <Button type="submit" size="lg" fullWidth loading={create.isPending} disabled={wait > 0}>
          Отправить заявление
        </Button>
        <RetryWait wait={wait} action="Отправить" centered />
      </Stack>
    </form>
  );
}
