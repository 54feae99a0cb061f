import { CloseButton, Group, Loader, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { memberIndicatorLabels } from '@profreestr/contracts';
import { type ReactNode, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { type MemberListItem, type MemberListTotal, useMemberList } from '../api/members';
import { FilterChip } from '../components/filter-chip';
import { PageLoader, QueryError } from '../components/query-state';
import { ShowMore } from '../components/show-more';
import { WindowList } from '../components/window-list';
import { formatCount, plural } from '../format';
import { DeregisterModal } from './deregister-modal';
import {
  CATEGORY_OPTIONS,
  DEFAULT_SORT,
  DEFAULT_STATUS,
  MISSING_PARAM,
  memberListParams,
  readMemberFilters,
  SORT_PARAM,
  STATUS_OPTIONS,
} from './member-filters';
import classes from './member-list.module.css';
import { RegisterButton } from './member-list-register';
import { MemberListHead, MemberSortSelect } from './member-list-sort';
import { MemberRow } from './member-row';
import { memberName, statusText } from './member-status';

export const MEMBER_SEARCH_LABEL = 'Поиск членов Профсоюза';
const SEARCH_MIN_LENGTH = 2;

interface MemberListProps {
  /** Members of one org (`orgId`) or of a subtree (`under`). */
  scope: { orgId: string } | { under: string };
  /** The row action «Снять с учёта» (the user may `member:deregister`). */
  canDeregister: boolean;
  /** Where «Поставить на учёт» puts people on record; null hides the button … */
  registerOrgId: string | null;
  /** … unless the user picks the primary in this subtree first. */
  registerUnder?: string | null | undefined;
  /** Name each member's org (lists over a subtree). */
  showOrg?: boolean;
  /** More removable filters of the page, shown with the list's own (the scope's org). */
  chips?: ReactNode;
}

/** Reads the filters from the URL (`q`, `status`, `category`, `missing`): back keeps them. */
function useListFilters() {
  const [params, setParams] = useSearchParams();
  const setParam = (key: string, value: string, fallback = '') =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value === fallback) next.delete(key);
        else next.set(key, value);
        return next;
      },
      { replace: true },
    );
  return { ...readMemberFilters(params), setParam };
}

/** The members of an org or a subtree: search, filters, keyset pages, row actions. */
export function MemberList({
  scope,
  canDeregister,
  registerOrgId,
  registerUnder,
  showOrg = false,
  chips,
}: MemberListProps) {
  const filters = useListFilters();
  const [input, setInput] = useState(filters.q);
  const [debounced] = useDebouncedValue(input.trim(), 300);
  const [deregistering, setDeregistering] = useState<MemberListItem | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const { setParam } = filters;
  const q = debounced.length >= SEARCH_MIN_LENGTH ? debounced : '';
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new search writes the URL
  useEffect(() => {
    if (q !== filters.q) setParam('q', q);
  }, [q]);

  const params = memberListParams(scope, filters);
  const list = useMemberList(params);
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  // The first page counts the whole list.
  const total = list.data?.pages[0]?.total ?? null;
  const sortFixed = !!filters.missing;
  const sort = {
    sort: filters.sort,
    onSort: (value: string) => setParam(SORT_PARAM, value, DEFAULT_SORT),
    fixed: sortFixed,
  };
  const filtered =
    !!params.q ||
    !!params.category ||
    !!params.missing ||
    !!filters.org ||
    filters.status !== DEFAULT_STATUS;
  const short = input.trim().length > 0 && input.trim().length < SEARCH_MIN_LENGTH;

  return (
    <Stack gap="sm">
      {(registerOrgId || registerUnder) && (
        <RegisterButton orgId={registerOrgId} under={registerUnder ?? null} />
      )}
      <div className={classes.filters}>
        <TextInput
          className={classes.search}
          type="search"
          aria-label={MEMBER_SEARCH_LABEL}
          placeholder="Фамилия и имя, номер билета или дата рождения"
          value={input}
          onChange={(event) => setInput(event.currentTarget.value)}
          autoComplete="off"
          enterKeyHint="search"
          description={short ? `Введите не меньше ${SEARCH_MIN_LENGTH} символов` : undefined}
          rightSection={
            input ? (
              <CloseButton aria-label="Очистить поиск" onClick={() => setInput('')} />
            ) : list.isFetching && !list.isFetchingNextPage ? (
              <Loader size="xs" aria-hidden />
            ) : null
          }
        />
        <NativeSelect
          label="Статус"
          data={STATUS_OPTIONS}
          value={filters.status}
          onChange={(event) => setParam('status', event.currentTarget.value, DEFAULT_STATUS)}
        />
        <NativeSelect
          label="Категория"
          data={CATEGORY_OPTIONS}
          value={filters.category}
          onChange={(event) => setParam('category', event.currentTarget.value)}
        />
        <MemberSortSelect {...sort} />
      </div>
      {(chips || filters.missing) && (
        <Group gap="xs">
          {chips}
          {filters.missing && (
            // Set by the completeness links; there is no input for it, so it is shown here.
            <FilterChip
              label={`Не заполнено: ${memberIndicatorLabels[filters.missing]}`}
              onRemove={() => setParam(MISSING_PARAM, '')}
            />
          )}
        </Group>
      )}
      {notice && (
        <Text size="sm" c="teal.8" role="status">
          {notice}
        </Text>
      )}
      {total && <TotalLine total={total} />}
      {list.isPending && <PageLoader />}
      {list.isError && items.length === 0 && (
        <QueryError error={list.error} onRetry={() => list.refetch()} />
      )}
      {list.isSuccess && items.length === 0 && (
        <Text c="dimmed" role="status">
          {filtered ? 'Никого не найдено.' : 'Членов Профсоюза на учёте пока нет.'}
        </Text>
      )}
      {items.length > 0 && (
        <MemberListHead {...sort} showOrg={showOrg} withActions={canDeregister} />
      )}
      {items.length > 0 && (
        <WindowList
          items={items}
          getKey={(member) => member.id}
          label="Члены Профсоюза"
          className={classes.list}
          renderItem={(member) => (
            <MemberRow
              member={member}
              showOrg={showOrg}
              onDeregister={canDeregister ? setDeregistering : undefined}
            />
          )}
        />
      )}
      <ShowMore query={list} />

      <DeregisterModal
        member={deregistering}
        onClose={() => setDeregistering(null)}
        onDone={(member) =>
          setNotice(`${memberName(member)}: ${statusText(member).toLowerCase()}.`)
        }
      />
    </Stack>
  );
}

/** «Найдено: 1 234» — or «более 1 000» where a text search stopped counting. */
function TotalLine({ total }: { total: MemberListTotal }) {
  const text = total.exact
    ? `Найдено: ${formatCount(total.count)} ${plural(total.count, 'член', 'члена', 'членов')} Профсоюза`
    : `Найдено: более ${formatCount(total.count)}`;
  return (
    <Text size="sm" c="dimmed" className={classes.total} aria-live="polite" data-member-total>
      {text}
    </Text>
  );
}
