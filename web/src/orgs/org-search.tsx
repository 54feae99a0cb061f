import {
  Anchor,
  Badge,
  CloseButton,
  Group,
  Loader,
  Stack,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import {
  type Org,
  type OrgLevel,
  type OrgRef,
  type OrgSearchItem,
  type OrgStatus,
  orgLevelLabels,
  type TransferTarget,
} from '@profreestr/contracts';
import { type ReactNode, useState } from 'react';
import { Link } from 'react-router';
import { useOrgSearch, useTransferTargets } from '../api/orgs';
import { QueryError } from '../components/query-state';
import { ShowMore } from '../components/show-more';
import { formatCount } from '../format';
import classes from './org-search.module.css';

export const SEARCH_MIN_LENGTH = 2;

interface OrgSearchProps {
  /** The input's accessible name. */
  label: string;
  /** Show the label above the input (pickers) or only to assistive technology (the list page). */
  visibleLabel?: boolean;
  level?: OrgLevel | undefined;
  status?: OrgStatus | undefined;
  under?: string | undefined;
  /** Picker mode: results are buttons that choose an org; without it they link to passports. */
  onPick?: (org: OrgSearchItem) => void;
  /** Why an org cannot be picked (shown under it), or null when it can. */
  unavailable?: (org: OrgSearchItem) => string | null;
  /** Shown while the query is too short to search, e.g. the tree. */
  idle?: ReactNode;
}

/** The search box: what is typed, and the query once it is long enough (debounced). */
function useSearchText() {
  const [value, setValue] = useState('');
  const [debounced] = useDebouncedValue(value.trim(), 300);
  const q = value.trim().length >= SEARCH_MIN_LENGTH ? debounced : '';
  return { value, setValue, q, active: q.length >= SEARCH_MIN_LENGTH };
}

interface SearchInputProps {
  label: string;
  visibleLabel: boolean;
  text: ReturnType<typeof useSearchText>;
  fetching: boolean;
}

function SearchInput({ label, visibleLabel, text, fetching }: SearchInputProps) {
  const { value, setValue, active } = text;
  return (
    <TextInput
      type="search"
      label={visibleLabel ? label : undefined}
      aria-label={visibleLabel ? undefined : label}
      placeholder="Название, код или ИНН"
      value={value}
      onChange={(event) => setValue(event.currentTarget.value)}
      autoComplete="off"
      enterKeyHint="search"
      rightSection={
        value ? (
          <CloseButton aria-label="Очистить поиск" onClick={() => setValue('')} />
        ) : fetching && active ? (
          <Loader size="xs" aria-hidden />
        ) : null
      }
      description={
        value.trim().length > 0 && value.trim().length < SEARCH_MIN_LENGTH
          ? `Введите не меньше ${SEARCH_MIN_LENGTH} символов`
          : undefined
      }
    />
  );
}

/**
 * Search by name words, code or INN: debounced, keyset-paged, exact numbers first («№ 11»
 * before «№ 110»), each result placed by its parents; one component for the page and pickers.
 */
export function OrgSearch(props: OrgSearchProps) {
  const { label, visibleLabel = false, level, status, under, idle, onPick, unavailable } = props;
  const text = useSearchText();
  const search = useOrgSearch({ q: text.q, level, status, under }, text.active);
  const items = text.active ? (search.data?.pages.flatMap((page) => page.items) ?? []) : [];

  return (
    <Stack gap="sm">
      <SearchInput
        label={label}
        visibleLabel={visibleLabel}
        text={text}
        fetching={search.isFetching}
      />
      {!text.active && idle}
      {text.active && (
        <Results
          search={search}
          items={items}
          renderItem={(org) =>
            onPick ? (
              <PickRow
                name={org.name}
                reason={unavailable?.(org) ?? null}
                onPick={() => onPick(org)}
              >
                <OrgParents parents={org.parents} />
                <OrgFacts org={org} />
              </PickRow>
            ) : (
              <div className={classes.row}>
                <Anchor component={Link} to={`/orgs/${org.id}`} className={classes.name}>
                  {org.name}
                </Anchor>
                <OrgParents parents={org.parents} />
                <OrgFacts org={org} />
              </div>
            )
          }
        />
      )}
    </Stack>
  );
}

interface TransferTargetSearchProps {
  label: string;
  onPick: (org: TransferTarget) => void;
  unavailable?: (org: TransferTarget) => string | null;
}

/** Active primaries anywhere in the union, for a transfer: names and parents only. */
export function TransferTargetSearch({ label, onPick, unavailable }: TransferTargetSearchProps) {
  const text = useSearchText();
  const search = useTransferTargets(text.q, text.active);
  const items = text.active ? (search.data?.pages.flatMap((page) => page.items) ?? []) : [];
  return (
    <Stack gap="sm">
      <SearchInput label={label} visibleLabel text={text} fetching={search.isFetching} />
      {text.active && (
        <Results
          search={search}
          items={items}
          renderItem={(org) => (
            <PickRow name={org.name} reason={unavailable?.(org) ?? null} onPick={() => onPick(org)}>
              <OrgParents parents={org.parents} />
            </PickRow>
          )}
        />
      )}
    </Stack>
  );
}

interface ResultsProps<T extends { id: string }> {
  search: ReturnType<typeof useOrgSearch> | ReturnType<typeof useTransferTargets>;
  items: T[];
  renderItem: (item: T) => ReactNode;
}

function Results<T extends { id: string }>({ search, items, renderItem }: ResultsProps<T>) {
  if (search.isPending) {
    return (
      <Text size="sm" c="dimmed" role="status">
        Ищем…
      </Text>
    );
  }
  if (search.isError && items.length === 0) {
    return <QueryError error={search.error} onRetry={() => search.refetch()} />;
  }
  if (items.length === 0) {
    return (
      <Text size="sm" c="dimmed" role="status">
        Ничего не найдено.
      </Text>
    );
  }
  return (
    <Stack gap="xs">
      <ul className={classes.list} aria-label="Результаты поиска">
        {items.map((item) => (
          <li key={item.id}>{renderItem(item)}</li>
        ))}
      </ul>
      <ShowMore query={search} />
    </Stack>
  );
}

interface PickRowProps {
  name: string;
  reason: string | null;
  onPick: () => void;
  children: ReactNode;
}

function PickRow({ name, reason, onPick, children }: PickRowProps) {
  return (
    <UnstyledButton className={classes.row} disabled={reason !== null} onClick={onPick}>
      <span className={classes.name}>{name}</span>
      {children}
      {reason && (
        <Text size="xs" c="dimmed" mt={4}>
          {reason}
        </Text>
      )}
    </UnstyledButton>
  );
}

/** Where an org is: «Региональная организация › Территориальная организация». */
export function OrgParents({ parents }: { parents: OrgRef[] | undefined }) {
  if (!parents?.length) return null;
  return (
    <Text size="xs" c="dimmed" className={classes.parents} data-org-parents>
      {parents.map((p) => p.name).join(' › ')}
    </Text>
  );
}

export function OrgFacts({ org }: { org: Org }) {
  return (
    <Group gap={6} mt={4}>
      <Badge size="sm" variant="light" tt="none" maw="100%">
        {orgLevelLabels[org.level]}
      </Badge>
      {org.liquidatedOn !== null || org.status !== 'active' ? (
        <Badge size="sm" variant="light" color="gray" tt="none">
          Ликвидирована
        </Badge>
      ) : null}
      <Text size="xs" c="dimmed">
        Код: {org.code}
      </Text>
      {org.inn && (
        <Text size="xs" c="dimmed">
          ИНН: {org.inn}
        </Text>
      )}
      <Text size="xs" c="dimmed">
        Членов: {formatCount(org.memberCount)}
      </Text>
    </Group>
  );
}
