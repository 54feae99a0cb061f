import { Alert, NativeSelect, Paper, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { PublicOrg } from '@profreestr/contracts';
import { useState } from 'react';
import { usePublicOrgs, usePublicRegions } from '../api/join';
import { errorMessage, PageLoader } from '../components/query-state';
import { ShowMore } from '../components/show-more';

/** Searching needs a couple of letters (or a region): the list of all is of no use to anyone. */
export const MIN_QUERY = 2;
export const SEARCH_DEBOUNCE_MS = 400;

/** Step 1: the person finds the primary organization of their school by name or INN. */
export function OrgSearch({ onPick }: { onPick: (org: PublicOrg) => void }) {
  const regions = usePublicRegions();
  const [regionId, setRegionId] = useState('');
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text.trim(), SEARCH_DEBOUNCE_MS);
  const enabled = q.length >= MIN_QUERY || regionId !== '';
  const orgs = usePublicOrgs({ q: q.length >= MIN_QUERY ? q : '', regionId }, enabled);
  const found = orgs.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="md">
      <NativeSelect
        label="Регион"
        size="md"
        value={regionId}
        onChange={(event) => setRegionId(event.currentTarget.value)}
        data={[
          { value: '', label: regions.isPending ? 'Загружаем регионы…' : 'Все регионы' },
          ...(regions.data?.items.map((r) => ({ value: r.id, label: r.name })) ?? []),
        ]}
        error={regions.isError ? errorMessage(regions.error) : undefined}
      />
      <TextInput
        label="Ваша школа, детский сад, колледж или вуз"
        description="Название, номер или ИНН организации, например «школа 15» или «лицей 2»"
        type="search"
        size="md"
        autoComplete="off"
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
      />

      {!enabled ? (
        <Text c="dimmed" size="sm">
          Начните вводить название — появится список профсоюзных организаций.
        </Text>
      ) : orgs.isPending ? (
        <PageLoader label="Ищем…" />
      ) : orgs.isError && found.length === 0 ? (
        <Alert color="red" role="alert" title="Не получилось найти">
          {errorMessage(orgs.error)}
        </Alert>
      ) : found.length === 0 ? (
        <Text role="status">
          Ничего не нашлось. Попробуйте написать иначе: только номер школы, другое слово из названия
          или ИНН школы.
        </Text>
      ) : (
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            Выберите свою организацию:
          </Text>
          <Stack
            component="ul"
            gap="sm"
            p={0}
            m={0}
            style={{ listStyle: 'none' }}
            aria-label="Найденные организации"
          >
            {found.map((org) => (
              <li key={org.id}>
                <UnstyledButton onClick={() => onPick(org)} w="100%">
                  <Paper withBorder radius="md" p="md">
                    <Text fw={600} c="blue.8" style={{ overflowWrap: 'anywhere' }}>
                      {org.name}
                    </Text>
                    {org.eduOrgName && (
                      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                        {org.eduOrgName}
                      </Text>
                    )}
                    {org.regionName && (
                      <Text size="sm" c="dimmed">
                        {org.regionName}
                      </Text>
                    )}
                  </Paper>
                </UnstyledButton>
              </li>
            ))}
          </Stack>
          <ShowMore query={orgs} />
        </Stack>
      )}
    </Stack>
  );
}
