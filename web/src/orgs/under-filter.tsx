import { useOrgAncestors } from '../api/orgs';
import { FilterChip } from '../components/filter-chip';
import { FormModal } from '../components/form-modal';
import { OrgSearch } from './org-search';

// The «Организация» filter of the lists (`?under=`): picked with the search of the caller's
// subtree, shown as a chip.

/** `?under=`: the org by its name, from its chain of parents (no passport read). */
export function UnderChip({ id, onRemove }: { id: string; onRemove: () => void }) {
  const chain = useOrgAncestors(id);
  const name = chain.data?.items.at(-1)?.name ?? (chain.isError ? 'недоступна' : '…');
  return <FilterChip label={`Организация: ${name}`} onRemove={onRemove} />;
}

/** The search of the caller's subtree in a dialog; picking closes it. */
export function UnderPicker(props: {
  opened: boolean;
  onClose: () => void;
  under: string | undefined;
  onPick: (orgId: string) => void;
}) {
  return (
    <FormModal opened={props.opened} onClose={props.onClose} title="Организация">
      {props.opened && (
        <OrgSearch
          label="Организация"
          visibleLabel
          under={props.under}
          onPick={(org) => {
            props.onClose();
            props.onPick(org.id);
          }}
        />
      )}
    </FormModal>
  );
}
