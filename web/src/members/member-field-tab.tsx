import type { Member } from '@profreestr/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { api } from '../api/client';
import { useUpdateMember } from '../api/member-mutations';
import { memberKey } from '../api/members';
import { FORM_ERRORS_NONE, formErrors } from '../passport/api-errors';
import { EditConflictNotice, useVersionedEdit } from '../passport/edit-conflict';
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
  const queryClient = useQueryClient();
  const edit = useVersionedEdit({
    record: member,
    fields,
    // Refetched into the cache: the card under the form shows the current version too.
    fetchCurrent: () =>
      queryClient.fetchQuery({
        queryKey: memberKey(member.id),
        queryFn: () => api<Member>(`/members/${member.id}`),
        staleTime: 0,
      }),
  });

  const save = (version: number) => {
    const { changed, parsed, errors: invalid } = parseChanges(fields, initial, form.values);
    if (changed.length === 0) {
      onClose(false);
      return;
    }
    const patch = nest(Object.fromEntries(changed.map((key) => [key, parsed[key] ?? null])));
    if (form.reject({ ...finishPdConsent(patch), ...invalid })) return;
    update.mutate(
      { body: patch, version },
      {
        onSuccess: () => onClose(true),
        onError: async (error) => {
          if (await edit.catchConflict(error, changed)) form.setErrors(FORM_ERRORS_NONE);
          else form.setErrors(formErrors(error, '', keys));
        },
      },
    );
  };

  return (
    <FieldForm
      label={`${section.title}: изменение`}
      fields={fields}
      form={form}
      pending={update.isPending}
      onSubmit={() => save(edit.version)}
      onCancel={() => onClose(false)}
      focus="first"
      notice={
        edit.conflict && (
          <EditConflictNotice
            what="карточку"
            changes={edit.conflict.changes}
            pending={update.isPending}
            onApply={() => save(edit.rebase())}
            onDiscard={() => onClose(false)}
          />
        )
      }
    />
  );
}
