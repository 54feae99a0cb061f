import { Button, CloseButton, Loader, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import {
  type Member,
  type MemberCategory,
  type MemberStatus,
  memberCategories,
  memberCategoryLabels,
} from '@profreestr/contracts';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { type MemberListParams, useMemberList } from '../api/members';
import { PageLoader, QueryError } from '../components/query-state';
import { ShowMore } from '../components/show-more';
import { WindowList } from '../components/window-list';
import { DeregisterModal } from './deregister-modal';
import classes from './member-list.module.css';
import { MemberRow } from './member-row';
import { memberName, statusText } from './member-status';
import { REGISTER_TITLE, RegisterModal } from './register-modal';

export const MEMBER_SEARCH_LABEL = 'Поиск членов Профсоюза';
const SEARCH_MIN_LENGTH = 2;

const STATUS_OPTIONS = [
  { value: 'active', label: 'На учёте' },
  { value: 'deregistered', label: 'Сняты с учёта' },
  { value: 'all', label: 'Все' },
];
const CATEGORY_OPTIONS = [
  { value: '', label: 'Все категории' },
  ...memberCategories.map((value) => ({ value, label: memberCategoryLabels[value] })),
];

interface MemberListProps {
  /** Members of one org (`orgId`) or of a subtree (`under`). */
  scope: { orgId: string } | { under: string };
  /** Editors get the row action «Снять с учёта». */
  canEdit: boolean;
  /** Where «Поставить на учёт» puts people on record; null hides the button. */
  registerOrgId: string | null;
  /** Name each member's org (lists over a subtree). */
  showOrg?: boolean;
}

/** Reads the filters from the URL (`q`, `status`, `category`): back from a card keeps them. */
function useListFilters() {
  const [params, setParams] = useSearchParams();
  // A hand-edited or outdated URL falls back to the defaults rather than to an API error.
  const status = STATUS_OPTIONS.find((o) => o.value === params.get('status'))?.value ?? 'active';
  const category = CATEGORY_OPTIONS.find((o) => o.value === params.get('category'))?.value ?? '';
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
  return { q: params.get('q') ?? '', status, category, setParam };
}

/** The members of an org or a subtree: search, filters, keyset pages, row actions. */
export function MemberList({ scope, canEdit, registerOrgId, showOrg = false }: MemberListProps) {
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

  const params: MemberListParams = {
    ...scope,
    q: filters.q || undefined,
    status: filters.status === 'all' ? undefined : (filters.status as MemberStatus),
    category: (filters.category || undefined) as MemberCategory | undefined,
  };
  const list = useMemberList(params);
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = !!params.q || !!params.category || filters.status !== 'active';
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
          onChange={(event) => setParam('status', event.currentTarget.value, 'active')}
        />
        <NativeSelect
          label="Категория"
          data={CATEGORY_OPTIONS}
          value={filters.category}
          onChange={(event) => setParam('category', event.currentTarget.value)}
        />
      </div>
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
