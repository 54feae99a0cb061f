import type { Member } from '@profreestr/contracts';
import { type ReactNode, useState } from 'react';
import { useUpdateMember } from '../api/member-mutations';
import { formErrors } from '../passport/api-errors';
import { FieldForm, useFieldFormState } from '../passport/field-form';
import { formatValue, nest, parseChanges, readPath, toFormValues } from '../passport/field-model';
import { FieldRows, FieldView, FilledBadge, useEditing } from '../passport/field-view';
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
  const editing = useEditing();
  const editable = visibleFields(section, member).some((def) => !def.readOnly);

  if (editing.editing && canEdit && editable) {
    return <MemberFieldForm member={member} section={section} onClose={editing.close} />;
  }
  const all = rows(member, section);
  return (
    <FieldView
      editing={editing}
      canEdit={canEdit && editable}
      badge={<MissingBadge rows={all.filter((row) => !row.def.readOnly)} />}
    >
      <FieldRows rows={all} labelWidth="16rem" />
      {children}
    </FieldView>
  );
}

const rows = (member: Member, section: MemberSection) =>
  visibleFields(section, member).map((def) => {
    const text = formatValue(def, readPath(member, def.key));
    return { def, text, view: text !== null && def.view?.(member) };
  });

function MissingBadge({ rows: editable }: { rows: ReturnType<typeof rows> }) {
  if (editable.length === 0) return <span />;
  return <FilledBadge rows={editable} />;
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
  const form = useFieldFormState(initial);
  const update = useUpdateMember(member.id);

  const onSubmit = () => {
    const { changed, parsed, errors: invalid } = parseChanges(fields, initial, form.values);
    if (changed.length === 0) {
      onClose(false);
      return;
    }
    const patch = nest(Object.fromEntries(changed.map((key) => [key, parsed[key] ?? null])));
    if (form.reject({ ...finishPdConsent(patch), ...invalid })) return;
    update.mutate(patch, {
      onSuccess: () => onClose(true),
      onError: (error) => form.setErrors(formErrors(error, '', keys)),
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
      focus="first"
    />
  );
}
