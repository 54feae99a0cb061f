import { Alert, Badge, Button, DataList, Group, Stack, Text, useMatches } from '@mantine/core';
import type { Member } from '@profreestr/contracts';
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { useUpdateMember } from '../api/member-mutations';
import {
  clearFieldError,
  FORM_ERRORS_NONE,
  type FormErrors,
  formErrors,
} from '../passport/api-errors';
import { FieldGrid } from '../passport/field-input';
import {
  changedKeys,
  type FormValue,
  type FormValues,
  formatValue,
  nest,
  parseForm,
  readPath,
  toFormValues,
} from '../passport/field-model';
import classes from '../passport/passport.module.css';
import { ValueText } from '../passport/value-text';
import { finishPdConsent, type MemberSection, visibleFields } from './member-fields';

interface MemberFieldTabProps {
  member: Member;
  section: MemberSection;
  canEdit: boolean;
  /** More content under the fields (the registration periods). */
  children?: ReactNode;
}

/** A card tab: a read view, and for editors a form that PATCHes only the changed fields. */
export function MemberFieldTab({ member, section, canEdit, children }: MemberFieldTabProps) {
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  const editable = visibleFields(section, member).some((def) => !def.readOnly);

  useEffect(() => {
    if (!editing && returnFocus.current) editButton.current?.focus();
    returnFocus.current = false;
  }, [editing]);

  const close = (wasSaved: boolean) => {
    returnFocus.current = true;
    setSaved(wasSaved);
    setEditing(false);
  };

  if (editing && canEdit && editable) {
    return <MemberFieldForm member={member} section={section} onClose={close} />;
  }
  return (
    <Stack gap="sm">
      <Group justify="space-between" gap="xs" wrap="wrap">
        <MissingBadge member={member} section={section} />
        {canEdit && editable && (
          <Button ref={editButton} variant="light" onClick={() => setEditing(true)}>
            Изменить
          </Button>
        )}
      </Group>
      {saved && (
        <Text size="sm" c="teal.8" role="status">
          Изменения сохранены.
        </Text>
      )}
      <FieldList member={member} section={section} />
      {children}
    </Stack>
  );
}

const rows = (member: Member, section: MemberSection) =>
  visibleFields(section, member).map((def) => ({
    def,
    text: formatValue(def, readPath(member, def.key)),
  }));

function MissingBadge({ member, section }: { member: Member; section: MemberSection }) {
  const editable = rows(member, section).filter((row) => !row.def.readOnly);
  const missing = editable.filter((row) => row.text === null).length;
  if (editable.length === 0) return <span />;
  if (missing === 0) {
    return (
      <Badge color="teal" variant="light" tt="none" size="lg">
        Все поля заполнены
      </Badge>
    );
  }
  return (
    <Badge color="orange" variant="light" tt="none" size="lg">
      Не заполнено полей: {missing} из {editable.length}
    </Badge>
  );
}

function FieldList({ member, section }: { member: Member; section: MemberSection }) {
  // Labels above values on phones, side by side from the `xs` breakpoint.
  const orientation = useMatches({ base: 'vertical', xs: 'horizontal' } as const);
  return (
    <DataList orientation={orientation} labelWidth="16rem" withDivider>
      {rows(member, section).map(({ def, text }) => (
        <DataList.Item key={def.key}>
          <DataList.ItemLabel>{def.label}</DataList.ItemLabel>
          <DataList.ItemValue>
            {(text !== null && def.view?.(member)) || <ValueText text={text} />}
          </DataList.ItemValue>
        </DataList.Item>
      ))}
    </DataList>
  );
}

interface FormProps {
  member: Member;
  section: MemberSection;
  onClose: (saved: boolean) => void;
}

function MemberFieldForm({ member, section, onClose }: FormProps) {
  const fields = visibleFields(section, member).filter((def) => !def.readOnly);
  const keys = fields.map((def) => def.key);
  const [initial] = useState(() => toFormValues(fields, member));
  const [values, setValues] = useState<FormValues>(initial);
  const [errors, setErrors] = useState<FormErrors>(FORM_ERRORS_NONE);
  const update = useUpdateMember(member.id);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('input, textarea, select')?.focus();
  }, []);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const changed = changedKeys(fields, initial, values);
    if (changed.length === 0) {
      onClose(false);
      return;
    }
    // Only what is sent is checked: an old value nobody touched does not block the others.
    const { parsed, errors: invalid } = parseForm(
      fields.filter((def) => changed.includes(def.key)),
      values,
    );
    const patch = nest(Object.fromEntries(changed.map((key) => [key, parsed[key] ?? null])));
    const problems = { ...finishPdConsent(patch), ...invalid };
    if (Object.keys(problems).length > 0) {
      setErrors({ fields: problems, general: 'Проверьте выделенные поля.' });
      return;
    }
    update.mutate(patch, {
      onSuccess: () => onClose(true),
      onError: (error) => setErrors(formErrors(error, '', keys)),
    });
  };

  const set = (key: string, value: FormValue) => {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors((current) => clearFieldError(current, key));
  };

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate aria-label={`${section.title}: изменение`}>
      <Stack gap="md">
        {errors.general && (
          <Alert color="red" role="alert" title="Не удалось сохранить">
            {errors.general}
          </Alert>
        )}
        <FieldGrid
          fields={fields}
          values={values}
          errors={errors.fields}
          onChange={set}
          disabled={update.isPending}
        />
        <Group className={classes.formActions}>
          <Button type="submit" loading={update.isPending}>
            Сохранить
          </Button>
          <Button variant="default" onClick={() => onClose(false)} disabled={update.isPending}>
            Отмена
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
