import {
  Button,
  CloseButton,
  Group,
  Loader,
  NativeSelect,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { type Member, memberIndicatorLabels } from '@profreestr/contracts';
import { type ReactNode, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useMemberList } from '../api/members';
import { FilterChip } from '../components/filter-chip';
import { PageLoader, QueryError } from '../components/query-state';
import { ShowMore } from '../components/show-more';
import { WindowList } from '../components/window-list';
import { DeregisterModal } from './deregister-modal';
import {
  CATEGORY_OPTIONS,
  DEFAULT_STATUS,
  MISSING_PARAM,
  memberListParams,
  readMemberFilters,
  STATUS_OPTIONS,
} from './member-filters';
import classes from './member-list.module.css';
import { MemberRow } from './member-row';
import { memberName, statusText } from './member-status';
import { REGISTER_TITLE, RegisterModal } from './register-modal';

export const MEMBER_SEARCH_LABEL = 'Поиск членов Профсоюза';
const SEARCH_MIN_LENGTH = 2;

interface MemberListProps {
  /** Members of one org (`orgId`) or of a subtree (`under`). */
  scope: { orgId: string } | { under: string };
  /** Editors get the row action «Снять с учёта». */
  canEdit: boolean;
  /** Where «Поставить на учёт» puts people on record; null hides the button. */
  registerOrgId: string | null;
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
  canEdit,
  registerOrgId,
  showOrg = false,
  chips,
}: MemberListProps) {
  const filters = useListFilters();
  const [input, setInput] = useState(filters.q);
  const [debounced] = useDebouncedValue(input.trim(), 300);
  const [registering, setRegistering] = useState(false);
  const [deregistering, setDeregistering] = useState<Member | null>(null);
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
  const filtered =
    !!params.q || !!params.category || !!params.missing || filters.status !== DEFAULT_STATUS;
  const short = input.trim().length > 0 && input.trim().length < SEARCH_MIN_LENGTH;

  return (
    <Stack gap="sm">
      {registerOrgId && (
        <Button size="lg" fullWidth onClick={() => setRegistering(true)} maw={{ sm: 360 }}>
          {REGISTER_TITLE}
        </Button>
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
        <WindowList
          items={items}
          getKey={(member) => member.id}
          label="Члены Профсоюза"
          className={classes.list}
          renderItem={(member) => (
            <MemberRow
              member={member}
              showOrg={showOrg}
              onDeregister={canEdit ? setDeregistering : undefined}
            />
          )}
        />
      )}
      <ShowMore query={list} />

      {registerOrgId && (
        <RegisterModal
          orgId={registerOrgId}
          opened={registering}
          onClose={() => setRegistering(false)}
        />
      )}
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
