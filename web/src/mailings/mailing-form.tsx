import {
  Alert,
  Button,
  Checkbox,
  Group,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import {
  type MailingAudience,
  type MemberCategory,
  memberCategories,
  memberCategoryLabels,
  type Org,
  type OrgLevel,
  orgLevelLabels,
  orgLevels,
} from '@profreestr/contracts';
import { type FormEvent, useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { isApiError } from '../api/client';
import { useCreateMailing } from '../api/mailings';
import { errorMessage } from '../components/query-state';
import { useUnsavedChanges } from '../components/unsaved-changes';
import { OrgPicker } from '../orgs/org-picker';
import { MAILINGS_PATH, mailingPath, normalizeBody } from './mailing-format';

export const COMPOSE_TITLE = 'Новая рассылка';
const SUBJECT_MAX = 200;
const BODY_MAX = 20_000;

type Kind = MailingAudience['kind'];
type Field = 'subject' | 'body' | 'under' | 'categories' | 'levels';
interface Errors {
  fields: Partial<Record<Field, string>>;
  general: string | null;
}
const NO_ERRORS: Errors = { fields: {}, general: null };
const CHECK_FIELDS = 'Проверьте выделенные поля.';

const KIND_OPTIONS: { value: Kind; label: string }[] = [
  { value: 'members', label: 'Члены Профсоюза' },
  { value: 'chairmen', label: 'Председатели' },
];

/** The input a detail of a 422 belongs to (`audience.categories.0` → the categories). */
function fieldOf(path: string): Field | null {
  if (path === 'subject' || path === 'body') return path;
  if (path.startsWith('audience.categories')) return 'categories';
  if (path.startsWith('audience.levels')) return 'levels';
  if (path === 'audience' || path.startsWith('audience.')) return 'under';
  return null;
}

/** The server's refusal at the inputs; the alert above says only what no input shows. */
function serverErrors(error: unknown): Errors {
  if (!isApiError(error)) return { fields: {}, general: errorMessage(error) };
  // The org is out of the caller's reach (or gone).
  if (error.status === 404) return { fields: { under: error.message }, general: CHECK_FIELDS };
  const fields: Errors['fields'] = {};
  const rest: string[] = [];
  for (const { field, message } of error.details) {
    const key = fieldOf(field);
    if (key && !fields[key]) fields[key] = message;
    else if (!key) rest.push(message);
  }
  if (Object.keys(fields).length === 0) return { fields, general: error.message };
  return { fields, general: rest.length > 0 ? rest.join(' ') : CHECK_FIELDS };
}

/** What the browser can tell before sending: the server checks the same and more. */
function check(subject: string, body: string, org: Org | null): Errors['fields'] {
  const fields: Errors['fields'] = {};
  if (!subject.trim()) fields.subject = 'Укажите тему письма';
  if (!body.trim()) fields.body = 'Напишите текст письма';
  if (!org) fields.under = 'Выберите организацию';
  return fields;
}

/** The levels at and under the org's own: no other chairmen are in its subtree. */
const levelsUnder = (org: Org | null): readonly OrgLevel[] =>
  org ? orgLevels.slice(orgLevels.indexOf(org.level)) : orgLevels;

/** The categories or levels chosen, in the lists' order; none is everybody (left out). */
function audienceOf(
  kind: Kind,
  org: Org,
  categories: MemberCategory[],
  levels: OrgLevel[],
): MailingAudience {
  if (kind === 'members') {
    const chosen = memberCategories.filter((c) => categories.includes(c));
    return { kind, under: org.id, ...(chosen.length > 0 ? { categories: chosen } : {}) };
  }
  const chosen = levelsUnder(org).filter((l) => levels.includes(l));
  return { kind, under: org.id, ...(chosen.length > 0 ? { levels: chosen } : {}) };
}

/**
 * Subject, text and who it goes to: members (of these categories) or chairmen (of orgs at
 * these levels) in an org and the orgs under it. Saving makes a draft, whose page counts the
 * recipients and sends it.
 */
export function MailingForm({ ownOrg }: { ownOrg: Org | null }) {
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [kind, setKind] = useState<Kind>('members');
  // Until the user picks another, the audience is under their own org.
  const [picked, setPicked] = useState<Org | null | undefined>(undefined);
  const [categories, setCategories] = useState<MemberCategory[]>([]);
  const [levels, setLevels] = useState<OrgLevel[]>([]);
  const [errors, setErrors] = useState<Errors>(NO_ERRORS);
  const create = useCreateMailing();
  const navigate = useNavigate();
  const kindLabelId = useId();
  const org = picked === undefined ? ownOrg : picked;
  const offeredLevels = levelsUnder(org);

  const dirty =
    subject.trim() !== '' ||
    body.trim() !== '' ||
    kind !== 'members' ||
    picked !== undefined ||
    categories.length > 0 ||
    levels.length > 0;
  const leave = useUnsavedChanges(dirty && !create.isSuccess);

  const clear = (...fields: Field[]) =>
    setErrors((current) => {
      if (!fields.some((field) => current.fields[field])) return current;
      const next = { ...current.fields };
      for (const field of fields) delete next[field];
      return { ...current, fields: next };
    });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const fields = check(subject, body, org);
    if (!org || Object.keys(fields).length > 0) {
      setErrors({ fields, general: CHECK_FIELDS });
      return;
    }
    setErrors(NO_ERRORS);
    create.mutate(
      {
        subject: subject.trim(),
        body: normalizeBody(body),
        audience: audienceOf(kind, org, categories, levels),
      },
      {
        onSuccess: (mailing) => navigate(mailingPath(mailing.id), { replace: true }),
        onError: (error) => setErrors(serverErrors(error)),
      },
    );
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label={COMPOSE_TITLE}>
      <Stack gap="md" maw={640}>
        {errors.general && (
          <Alert color="red" role="alert" title="Не удалось сохранить рассылку">
            {errors.general}
          </Alert>
        )}
        <TextInput
          label="Тема"
          required
          withAsterisk={false}
          maxLength={SUBJECT_MAX}
          autoComplete="off"
          value={subject}
          error={errors.fields.subject}
          onChange={(event) => {
            setSubject(event.currentTarget.value);
            clear('subject');
          }}
        />
        <Textarea
          label="Текст письма"
          description="Абзацы разделяйте пустой строкой. Обращение по имени и ссылку для отписки письмо получит само."
          required
          withAsterisk={false}
          autosize
          minRows={8}
          maxRows={24}
          maxLength={BODY_MAX}
          value={body}
          error={errors.fields.body}
          onChange={(event) => {
            setBody(event.currentTarget.value);
            clear('body');
          }}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500} id={kindLabelId}>
            Кому
          </Text>
          <SegmentedControl
            aria-labelledby={kindLabelId}
            data={KIND_OPTIONS}
            value={kind}
            onChange={(value) => {
              setKind(value as Kind);
              clear('categories', 'levels');
            }}
            fullWidth
          />
        </Stack>
        <Stack gap={4}>
          <OrgPicker
            label="Организация (с входящими в неё)"
            value={org}
            onChange={(next) => {
              setPicked(next);
              // Levels above the new org's own have no chairmen under it.
              if (next)
                setLevels((current) => current.filter((l) => levelsUnder(next).includes(l)));
              clear('under', 'levels');
            }}
            status="active"
          />
          {errors.fields.under && (
            <Text size="sm" c="red" role="alert">
              {errors.fields.under}
            </Text>
          )}
        </Stack>
        {kind === 'members' ? (
          <Checkbox.Group
            label="Категории членов Профсоюза"
            description="Ничего не отмечено — все категории."
            value={categories}
            onChange={(value) => {
              setCategories(value as MemberCategory[]);
              clear('categories');
            }}
            error={errors.fields.categories}
          >
            <Stack gap="xs" mt="xs">
              {memberCategories.map((category) => (
                <Checkbox key={category} value={category} label={memberCategoryLabels[category]} />
              ))}
            </Stack>
          </Checkbox.Group>
        ) : (
          <Checkbox.Group
            label="Уровни организаций"
            description="Ничего не отмечено — председатели всех уровней."
            value={levels}
            onChange={(value) => {
              setLevels(value as OrgLevel[]);
              clear('levels');
            }}
            error={errors.fields.levels}
          >
            <Stack gap="xs" mt="xs">
              {offeredLevels.map((level) => (
                <Checkbox key={level} value={level} label={orgLevelLabels[level]} />
              ))}
            </Stack>
          </Checkbox.Group>
        )}
        <Text size="sm" c="dimmed">
          Рассылка сохранится черновиком: на её странице будет видно, сколько человек получат
          письмо, и оттуда её можно отправить.
        </Text>
        <Group>
          <Button type="submit" loading={create.isPending}>
            Сохранить черновик
          </Button>
          <Button
            variant="default"
            disabled={create.isPending}
            onClick={() => leave(() => navigate(MAILINGS_PATH))}
          >
            Отмена
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
