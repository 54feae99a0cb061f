import { Alert, Anchor, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { formatCardNumber, type Member } from '@profreestr/contracts';
import { useState } from 'react';
import { Link } from 'react-router';
import { type DuplicateGroup, type DuplicateKind, useDuplicates } from '../api/members';
import { isOrgId, useOrg } from '../api/orgs';
import { useAuth } from '../auth/use-auth';
import { FilterChip } from '../components/filter-chip';
import { PageLoader, QueryError } from '../components/query-state';
import { ShowMore } from '../components/show-more';
import { useUnderParam } from '../components/use-under-param';
import { DistinctModal, DuplicateGroupCard } from '../members/duplicate-group';
import { memberName } from '../members/member-status';
import { MergeModal } from '../members/merge-modal';

/**
 * Suspected duplicates in the user's scope. Duplicates: one name and one birth date on several
 * records. Candidates, apart: a record without a birth date whose name others hold.
 */
export function DuplicatesPage() {
  useDocumentTitle('Возможные дубли — Профреестр');
  const { user } = useAuth();
  const [merging, setMerging] = useState<DuplicateGroup | null>(null);
  const [distinct, setDistinct] = useState<DuplicateGroup | null>(null);
  const [merged, setMerged] = useState<Member | null>(null);
  const { under: param, dropUnder } = useUnderParam();
  // The auth guard renders this page only with a user. `?under=` narrows it to a subtree
  // (out of scope: the server's 404, shown as each list's error).
  const ownId = user?.orgId ?? '';
  const under = isOrgId(param) ? param : ownId;
  const scope = useOrg(under);

  return (
    <Stack gap="lg">
      <Title order={1} size="h2">
        Возможные дубли
      </Title>
      {under !== ownId && scope.data && (
        <div>
          <FilterChip label={`Организация: ${scope.data.name}`} onRemove={dropUnder} />
        </div>
      )}
      {merged && (
        <Alert
          color="teal"
          role="status"
          title="Карточки объединены"
          withCloseButton
          onClose={() => setMerged(null)}
        >
          Осталась карточка{' '}
          <Anchor component={Link} to={`/members/${merged.id}`}>
            {memberName(merged)}, билет № {formatCardNumber(merged.cardNumber)}
          </Anchor>
          .
        </Alert>
      )}
      <Section
        under={under}
        kind="duplicate"
        title="Одинаковые ФИО и дата рождения"
        description="Скорее всего, один человек записан дважды. Откройте карточки, чтобы убедиться, и объедините их или отметьте «Не дубль»."
        empty="Дублей не найдено."
        onMerge={setMerging}
        onDistinct={setDistinct}
      />
      <Section
        under={under}
        kind="candidate"
        title="Без даты рождения"
        description="Одинаковые ФИО, но в части записей дата рождения не указана: это может быть один человек, а может — однофамильцы."
        empty="Таких записей нет."
        onMerge={setMerging}
        onDistinct={setDistinct}
      />
      <MergeModal
        group={merging}
        onClose={() => setMerging(null)}
        onMerged={(kept) => {
          setMerging(null);
          setMerged(kept);
        }}
      />
      <DistinctModal group={distinct} onClose={() => setDistinct(null)} />
    </Stack>
  );
}

interface SectionProps {
  under: string;
  kind: DuplicateKind;
  title: string;
  description: string;
  empty: string;
  onMerge: (group: DuplicateGroup) => void;
  onDistinct: (group: DuplicateGroup) => void;
}

function Section({ under, kind, title, description, empty, onMerge, onDistinct }: SectionProps) {
  const duplicates = useDuplicates(under, kind);
  const groups = duplicates.data?.pages.flatMap((page) => page.items) ?? [];
  const headingId = `duplicates-${kind}`;

  return (
    <Stack gap="sm" component="section" aria-labelledby={headingId}>
      <Title order={2} size="h4" id={headingId}>
        {title}
      </Title>
      <Text size="sm" c="dimmed">
        {description}
      </Text>
      {duplicates.isPending && <PageLoader />}
      {duplicates.isError && groups.length === 0 && (
        <QueryError error={duplicates.error} onRetry={() => duplicates.refetch()} />
      )}
      {duplicates.isSuccess && groups.length === 0 && (
        <Text c="dimmed" role="status">
          {empty}
        </Text>
      )}
      <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {groups.map((group) => (
          <DuplicateGroupCard
            key={`${group.key}|${group.birthDate ?? ''}`}
            group={group}
            onMerge={onMerge}
            onDistinct={onDistinct}
          />
        ))}
      </Stack>
      <ShowMore query={duplicates} />
    </Stack>
  );
}
