import { Checkbox, SegmentedControl, Stack, Text } from '@mantine/core';
import {
  type MailingAudience,
  type MemberCategory,
  memberCategories,
  memberCategoryLabels,
  type Org,
  type OrgLevel,
  orgLevelLabels,
  orgLevels,
} from '@profreestr/contracts';
import { useId } from 'react';
import { OrgPicker } from '../orgs/org-picker';

// Who a survey goes to — as a mailing's audience (mailings/mailing-form): members of some
// categories, or chairmen of orgs at some levels, in an org and the orgs under it.

export type AudienceKind = MailingAudience['kind'];

export interface AudienceDraft {
  kind: AudienceKind;
  org: Org | null;
  categories: MemberCategory[];
  levels: OrgLevel[];
}

const KIND_OPTIONS: { value: AudienceKind; label: string }[] = [
  { value: 'members', label: 'Члены Профсоюза' },
  { value: 'chairmen', label: 'Председатели' },
];

/** The levels at and under the org's own: no other chairmen are in its subtree. */
const levelsUnder = (org: Org | null): readonly OrgLevel[] =>
  org ? orgLevels.slice(orgLevels.indexOf(org.level)) : orgLevels;

/** The audience as the API takes it; none of the categories or levels is everybody. */
export function audienceOf(draft: AudienceDraft): MailingAudience | null {
  const { kind, org } = draft;
  if (!org) return null;
  if (kind === 'members') {
    const chosen = memberCategories.filter((c) => draft.categories.includes(c));
    return { kind, under: org.id, ...(chosen.length > 0 ? { categories: chosen } : {}) };
  }
  const chosen = levelsUnder(org).filter((l) => draft.levels.includes(l));
  return { kind, under: org.id, ...(chosen.length > 0 ? { levels: chosen } : {}) };
}

interface AudiencePickerProps {
  value: AudienceDraft;
  onChange: (next: AudienceDraft) => void;
  disabled?: boolean;
  error?: string | undefined;
}

export function AudiencePicker({ value, onChange, disabled = false, error }: AudiencePickerProps) {
  const kindLabelId = useId();
  const set = (patch: Partial<AudienceDraft>) => onChange({ ...value, ...patch });
  return (
    <Stack gap="sm">
      <Stack gap={4}>
        <Text size="sm" fw={500} id={kindLabelId}>
          Кого опрашиваем
        </Text>
        <SegmentedControl
          aria-labelledby={kindLabelId}
          data={KIND_OPTIONS}
          value={value.kind}
          disabled={disabled}
          onChange={(kind) => set({ kind: kind as AudienceKind })}
          fullWidth
        />
      </Stack>
      {disabled ? (
        <Text size="sm">Организация: {value.org?.name ?? '—'} (с входящими в неё)</Text>
      ) : (
        <OrgPicker
          label="Организация (с входящими в неё)"
          value={value.org}
          onChange={(org) =>
            set({
              org,
              // Levels above the new org's own have no chairmen under it.
              levels: org ? value.levels.filter((l) => levelsUnder(org).includes(l)) : value.levels,
            })
          }
          status="active"
        />
      )}
      {error && (
        <Text size="sm" c="red.8" role="alert">
          {error}
        </Text>
      )}
      {value.kind === 'members' ? (
        <Checkbox.Group
          label="Категории членов Профсоюза"
          description="Ничего не отмечено — все категории."
          value={value.categories}
          onChange={(categories) => set({ categories: categories as MemberCategory[] })}
        >
          <Stack gap="xs" mt="xs">
            {memberCategories.map((category) => (
              <Checkbox
                key={category}
                value={category}
                label={memberCategoryLabels[category]}
                disabled={disabled}
              />
            ))}
          </Stack>
        </Checkbox.Group>
      ) : (
        <Checkbox.Group
          label="Уровни организаций"
          description="Ничего не отмечено — председатели всех уровней."
          value={value.levels}
          onChange={(levels) => set({ levels: levels as OrgLevel[] })}
        >
          <Stack gap="xs" mt="xs">
            {levelsUnder(value.org).map((level) => (
              <Checkbox
                key={level}
                value={level}
                label={orgLevelLabels[level]}
                disabled={disabled}
              />
            ))}
          </Stack>
        </Checkbox.Group>
      )}
    </Stack>
  );
}
