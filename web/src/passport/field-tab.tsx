import { type Org, passportProblems } from '@profreestr/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../api/client';
import { useUpdateOrg } from '../api/org-mutations';
import { orgKey } from '../api/orgs';
import { FORM_ERRORS_NONE, formErrors, placeDetails } from './api-errors';
import { EditConflictNotice, useVersionedEdit } from './edit-conflict';
import { FieldForm, useFieldFormState } from './field-form';
import { formatValue, nest, parseChanges, readPath, toFormValues } from './field-model';
import { FieldRows, FieldView, FilledBadge, useEditing } from './field-view';
import { type FieldSection, sectionFields, sectionSource } from './passport-fields';

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
    requested && sectionFields(org, section).some((def) => def.key === requested)
      ? requested
      : undefined;

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
  return sectionFields(org, section).map((def) => ({
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
  const { prefix } = section;
  const fields = sectionFields(org, section);
  const keys = fields.map((def) => def.key);
  const [initial] = useState(() => toFormValues(fields, sectionSource(org, section)));
  const form = useFieldFormState(initial);
  const update = useUpdateOrg(org.id);
  const queryClient = useQueryClient();
  const edit = useVersionedEdit({
    record: org,
    fields,
    source: (record) => sectionSource(record, section),
    // Refetched into the cache: the passport under the form shows the current version too.
    fetchCurrent: () =>
      queryClient.fetchQuery({
        queryKey: orgKey(org.id),
        queryFn: () => api<Org>(`/orgs/${org.id}`),
        staleTime: 0,
      }),
  });

  const save = (version: number) => {
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
    update.mutate(
      { body: prefix ? { [prefix]: patch } : patch, version },
      {
        onSuccess: () => onClose(true),
        onError: async (error) => {
          if (await edit.catchConflict(error, changed)) form.setErrors(FORM_ERRORS_NONE);
          else form.setErrors(formErrors(error, prefix, keys));
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
      focus={focusKey ? 'marked' : 'first'}
      focusKey={focusKey}
      notice={
        edit.conflict && (
          <EditConflictNotice
            what="паспорт"
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
