import { Button, Group } from '@mantine/core';
import type { Org, OrgLevel } from '@profreestr/contracts';
import { type ReactNode, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useOrgAncestors } from '../api/orgs';
import { FilterChip } from '../components/filter-chip';
import { FormModal } from '../components/form-modal';
import { OrgSearch } from '../orgs/org-search';
import { ORG_PARAM } from './member-filters';

const UNDER_PARAM = 'under';

/** Levels whose users have territories below them to choose from. */
const ABOVE_TERRITORIES: readonly OrgLevel[] = ['central', 'regional', 'okrug'];

interface PlaceFiltersProps {
  /** The user's own org: territories are picked in its subtree. */
  own: Org;
  /** The list's subtree: the user's own org or `?under=` (a territory, a completeness link). */
  scope: Org;
  /** One primary of the scope (`?org=`), or ''. */
  org: string;
}

/**
 * Filters by place: a territory (`?under=`) and a primary (`?org=`), each picked with the org
 * search and shown as a removable chip; only where the user's subtree has them.
 */
export function PlaceFilters({ own, scope, org }: PlaceFiltersProps) {
  const [, setParams] = useSearchParams();
  const [picking, setPicking] = useState<'territory' | 'org' | null>(null);
  const set = (changes: Record<string, string | null>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );

  const canPickTerritory = ABOVE_TERRITORIES.includes(own.level);
  const canPickOrg = scope.level !== 'primary' && !org;
  const scopeLabel = scope.level === 'territorial' ? 'Территория' : 'Организация';

  return (
    <>
      {scope.id !== own.id && (
        <FilterChip
          label={`${scopeLabel}: ${scope.name}`}
          // A primary picked inside the territory goes with it.
          onRemove={() => set({ [UNDER_PARAM]: null, [ORG_PARAM]: null })}
        />
      )}
      {org && <OrgChip id={org} onRemove={() => set({ [ORG_PARAM]: null })} />}
      {(canPickTerritory || canPickOrg) && (
        <Group gap="xs">
          {canPickTerritory && (
            <Button variant="default" size="xs" onClick={() => setPicking('territory')}>
              Выбрать территорию
            </Button>
          )}
          {canPickOrg && (
            <Button variant="default" size="xs" onClick={() => setPicking('org')}>
              Выбрать организацию
            </Button>
          )}
        </Group>
      )}
      <PickModal
        title="Территория"
        opened={picking === 'territory'}
        onClose={() => setPicking(null)}
      >
        <OrgSearch
          label="Территориальная организация"
          visibleLabel
          level="territorial"
          under={own.id}
          onPick={(picked) => {
            setPicking(null);
            set({ [UNDER_PARAM]: picked.id, [ORG_PARAM]: null });
          }}
        />
      </PickModal>
      <PickModal title="Организация" opened={picking === 'org'} onClose={() => setPicking(null)}>
        <OrgSearch
          label="Первичная организация"
          visibleLabel
          level="primary"
          under={scope.id}
          onPick={(picked) => {
            setPicking(null);
            set({ [ORG_PARAM]: picked.id });
          }}
        />
      </PickModal>
    </>
  );
}

interface PickModalProps {
  title: string;
  opened: boolean;
  onClose: () => void;
  children: ReactNode;
}

function PickModal({ title, opened, onClose, children }: PickModalProps) {
  return (
    <FormModal opened={opened} onClose={onClose} title={title}>
      {opened && children}
    </FormModal>
  );
}

/** The chosen primary, named from its chain of parents (no passport read). */
function OrgChip({ id, onRemove }: { id: string; onRemove: () => void }) {
  const chain = useOrgAncestors(id);
  const name = chain.data?.items.at(-1)?.name ?? (chain.isError ? 'недоступна' : '…');
  return <FilterChip label={`Организация: ${name}`} onRemove={onRemove} />;
}
