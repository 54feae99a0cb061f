import { type Org, passportProblems } from '@profreestr/contracts';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useUpdateOrg } from '../api/org-mutations';
import { formErrors, placeDetails } from './api-errors';
import { FieldForm, useFieldFormState } from './field-form';
import { formatValue, nest, parseChanges, readPath, toFormValues } from './field-model';
import { FieldRows, FieldView, FilledBadge, useEditing } from './field-view';
import { type FieldSection, sectionSource } from './passport-fields';

interface FieldTabProps {
  org: Org;
  section: FieldSection;
  canEdit: boolean;
}

/** `?edit=1` opens the tab's form at once; `?edit=<field key>` also focuses that input. */
export const EDIT_PARAM = 'edit';

/** A passport tab of fields: a read view, and for editors a form that PATCHes only its fields. */
export function FieldTab({ org, section, canEdit }: FieldTabProps) {
  const [params, setParams] = useSearchParams();
  // Read once: links such as the chairman's to-do list open the form straight away.
  const [requested] = useState(() => params.get(EDIT_PARAM));
  const editing = useEditing(requested !== null && canEdit);
  const focusKey =
    requested && section.fields.some((def) => def.key === requested) ? requested : undefined;

  // The param has done its job: a reload or «Назад» after saving shows the read view.
  useEffect(() => {
    if (!params.has(EDIT_PARAM)) return;
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.delete(EDIT_PARAM);
        return next;
      },
      { replace: true },
    );
  }, [params, setParams]);

  if (editing.editing && canEdit) {
    return <SectionForm org={org} section={section} onClose={editing.close} focusKey={focusKey} />;
  }
  const rows = sectionRows(org, section);
  return (
    <FieldView editing={editing} canEdit={canEdit} badge={<FilledBadge rows={rows} />}>
      <FieldRows rows={rows} labelWidth="14rem" />
    </FieldView>
  );
}

const sectionRows = (org: Org, section: FieldSection) => {
  const source = sectionSource(org, section);
  return section.fields.map((def) => ({
    def,
    text: source === null ? null : formatValue(def, readPath(source, def.key)),
  }));
};

interface SectionFormProps {
  org: Org;
  section: FieldSection;
  onClose: (saved: boolean) => void;
  focusKey?: string | undefined;
}

function SectionForm({ org, section, onClose, focusKey }: SectionFormProps) {
  const { fields, prefix } = section;
  const keys = fields.map((def) => def.key);
  const [initial] = useState(() => toFormValues(fields, sectionSource(org, section)));
  const form = useFieldFormState(initial);
  const update = useUpdateOrg(org.id);

  const onSubmit = () => {
    const { changed, parsed, errors: invalid } = parseChanges(fields, initial, form.values);
    if (changed.length === 0) {
      onClose(false);
      return;
    }
    if (form.reject(invalid)) return;
    // The cross-field rules see the org as it would be after the change, as the server does.
    const merged = prefix
      ? { ...org, [prefix]: { ...(org[prefix] ?? {}), ...nest(parsed) } }
      : { ...org, ...parsed };
    if (form.reject(placeDetails(passportProblems(merged as Org), prefix, keys).fields)) return;
    const patch = nest(Object.fromEntries(changed.map((key) => [key, parsed[key]])));
    update.mutate(prefix ? { [prefix]: patch } : patch, {
      onSuccess: () => onClose(true),
      onError: (error) => form.setErrors(formErrors(error, prefix, keys)),
    });
  };

  return (
    <FieldForm
      label={`${section.title}: изменение`}
      fields={fields}
      form={form}
      pending={update.isPending}
      onSubmit={onSubmit}
      onCancel={() => onClose(false)}
      focus={focusKey ? 'marked' : 'first'}
      focusKey={focusKey}
    />
  );
}
