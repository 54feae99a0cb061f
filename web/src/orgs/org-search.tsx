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
import { type Org, type OrgLevel, type OrgStatus, orgLevelLabels } from '@profreestr/contracts';
import { type ReactNode, useState } from 'react';
import { Link } from 'react-router';
import { useOrgSearch } from '../api/orgs';
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
  onPick?: (org: Org) => void;
  /** Why an org cannot be picked (shown under it), or null when it can. */
  unavailable?: (org: Org) => string | null;
  /** Shown while the query is too short to search, e.g. the tree. */
  idle?: ReactNode;
}

/** Search by name words, code or INN: debounced, keyset-paged; one component for page and pickers. */
export function OrgSearch(props: OrgSearchProps) {
  const { label, visibleLabel = false, level, status, under, idle } = props;
  const [value, setValue] = useState('');
  const [debounced] = useDebouncedValue(value.trim(), 300);
  const q = value.trim().length >= SEARCH_MIN_LENGTH ? debounced : '';
  const active = q.length >= SEARCH_MIN_LENGTH;
  const search = useOrgSearch({ q, level, status, under }, active);
  const items = active ? (search.data?.pages.flatMap((page) => page.items) ?? []) : [];

  return (
    <Stack gap="sm">
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
          ) : search.isFetching && active ? (
            <Loader size="xs" aria-hidden />
          ) : null
        }
        description={
          value.trim().length > 0 && value.trim().length < SEARCH_MIN_LENGTH
            ? `Введите не меньше ${SEARCH_MIN_LENGTH} символов`
            : undefined
        }
      />
      {!active && idle}
      {active && <Results {...props} search={search} items={items} />}
    </Stack>
  );
}

interface ResultsProps extends OrgSearchProps {
  search: ReturnType<typeof useOrgSearch>;
  items: Org[];
}

function Results({ search, items, onPick, unavailable }: ResultsProps) {
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
        {items.map((org) => (
          <li key={org.id}>
            {onPick ? (
              <PickRow org={org} reason={unavailable?.(org) ?? null} onPick={onPick} />
            ) : (
              <div className={classes.row}>
                <Anchor component={Link} to={`/orgs/${org.id}`} className={classes.name}>
                  {org.name}
                </Anchor>
                <OrgFacts org={org} />
              </div>
            )}
          </li>
        ))}
      </ul>
      <ShowMore query={search} />
    </Stack>
  );
}

interface PickRowProps {
  org: Org;
  reason: string | null;
  onPick: (org: Org) => void;
}

function PickRow({ org, reason, onPick }: PickRowProps) {
  return (
    <UnstyledButton className={classes.row} disabled={reason !== null} onClick={() => onPick(org)}>
      <span className={classes.name}>{org.name}</span>
      <OrgFacts org={org} />
      {reason && (
        <Text size="xs" c="dimmed" mt={4}>
          {reason}
        </Text>
      )}
    </UnstyledButton>
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
