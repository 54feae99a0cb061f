import { Alert, Badge, Button, DataList, Group, Stack, Text, useMatches } from '@mantine/core';
import { type Org, passportProblems } from '@profreestr/contracts';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useUpdateOrg } from '../api/org-mutations';
import {
  clearFieldError,
  FORM_ERRORS_NONE,
  type FormErrors,
  formErrors,
  placeDetails,
} from './api-errors';
import { FieldGrid } from './field-input';
import {
  changedKeys,
  type FormValue,
  type FormValues,
  formatValue,
  nest,
  parseForm,
  readPath,
  toFormValues,
} from './field-model';
import classes from './passport.module.css';
import { type FieldSection, sectionSource } from './passport-fields';
import { ValueText } from './value-text';

interface FieldTabProps {
  org: Org;
  section: FieldSection;
  canEdit: boolean;
}

/** A passport tab of fields: a read view, and for editors a form that PATCHes only its fields. */
export function FieldTab({ org, section, canEdit }: FieldTabProps) {
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);

  useEffect(() => {
    if (!editing && returnFocus.current) editButton.current?.focus();
    returnFocus.current = false;
  }, [editing]);

  const close = (wasSaved: boolean) => {
    returnFocus.current = true;
    setSaved(wasSaved);
    setEditing(false);
  };

  if (editing && canEdit) {
    return <FieldForm org={org} section={section} onClose={close} />;
  }
  return (
    <Stack gap="sm">
      <Group justify="space-between" gap="xs" wrap="wrap">
        <MissingBadge org={org} section={section} />
        {canEdit && (
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
      <FieldList org={org} section={section} />
    </Stack>
  );
}

const sectionRows = (org: Org, section: FieldSection) => {
  const source = sectionSource(org, section);
  return section.fields.map((def) => ({
    def,
    text: source === null ? null : formatValue(def, readPath(source, def.key)),
  }));
};

function MissingBadge({ org, section }: { org: Org; section: FieldSection }) {
  const rows = sectionRows(org, section);
  const missing = rows.filter((row) => row.text === null).length;
  if (missing === 0) {
    return (
      <Badge color="teal" variant="light" tt="none" size="lg">
        Все поля заполнены
      </Badge>
    );
  }
  return (
    <Badge color="orange" variant="light" tt="none" size="lg">
      Не заполнено полей: {missing} из {rows.length}
    </Badge>
  );
}

function FieldList({ org, section }: { org: Org; section: FieldSection }) {
  // Labels above values on phones, side by side from the `xs` breakpoint.
  const orientation = useMatches({ base: 'vertical', xs: 'horizontal' } as const);
  const rows = sectionRows(org, section);

  return (
    <DataList orientation={orientation} labelWidth="14rem" withDivider>
      {rows.map(({ def, text }) => (
        <DataList.Item key={def.key}>
          <DataList.ItemLabel>{def.label}</DataList.ItemLabel>
          <DataList.ItemValue>
            <ValueText text={text} />
          </DataList.ItemValue>
        </DataList.Item>
      ))}
    </DataList>
  );
}

interface FieldFormProps {
  org: Org;
  section: FieldSection;
  onClose: (saved: boolean) => void;
}

function FieldForm({ org, section, onClose }: FieldFormProps) {
  const { fields, prefix } = section;
  const keys = fields.map((def) => def.key);
  const [initial] = useState(() => toFormValues(fields, sectionSource(org, section)));
  const [values, setValues] = useState<FormValues>(initial);
  const [errors, setErrors] = useState<FormErrors>(FORM_ERRORS_NONE);
  const update = useUpdateOrg(org.id);
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
    if (Object.keys(invalid).length > 0) {
      setErrors({ fields: invalid, general: 'Проверьте выделенные поля.' });
      return;
    }
    // The cross-field rules see the org as it would be after the change, as the server does.
    const merged = prefix
      ? { ...org, [prefix]: { ...(org[prefix] ?? {}), ...nest(parsed) } }
      : { ...org, ...parsed };
    const problems = placeDetails(passportProblems(merged as Org), prefix, keys).fields;
    if (Object.keys(problems).length > 0) {
      setErrors({ fields: problems, general: 'Проверьте выделенные поля.' });
      return;
    }
    const patch = nest(Object.fromEntries(changed.map((key) => [key, parsed[key]])));
    update.mutate(prefix ? { [prefix]: patch } : patch, {
      onSuccess: () => onClose(true),
      onError: (error) => setErrors(formErrors(error, prefix, keys)),
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
