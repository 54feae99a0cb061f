import { Alert, Button, Group, Radio, Stack, Text } from '@mantine/core';
import { type DuplicateGroup, formatCardNumber, type Member } from '@profreestr/contracts';
import { useState } from 'react';
import { useMergeMembers } from '../api/member-mutations';
import { FormModal } from '../components/form-modal';
import { errorMessage } from '../components/query-state';
import { formatDate } from '../passport/field-model';
import { statusText } from './member-status';
import { OrgName } from './org-name';

export const MERGE_TITLE = 'Объединить карточки';

interface MergeModalProps {
  group: DuplicateGroup | null;
  onClose: () => void;
  onMerged: (kept: Member) => void;
}

/** Two cards of one person become one: which card stays, which one joins it, and what follows. */
export function MergeModal({ group, onClose, onMerged }: MergeModalProps) {
  return (
    <FormModal opened={group !== null} onClose={onClose} title={MERGE_TITLE}>
      {group && <MergeForm group={group} onClose={onClose} onMerged={onMerged} />}
    </FormModal>
  );
}

// Records with two different known birth dates are two people: the server refuses to merge them.
const samePerson = (a: Member, b: Member) =>
  a.id !== b.id && (!a.birthDate || !b.birthDate || a.birthDate === b.birthDate);

const cardLabel = (member: Member) => `№ ${formatCardNumber(member.cardNumber)}`;

function MergeForm({
  group,
  onClose,
  onMerged,
}: Required<MergeModalProps> & { group: DuplicateGroup }) {
  const { members } = group;
  // The card on record stays by default: its number is the one the member carries now.
  const [keptId, setKeptId] = useState(
    (members.find((m) => m.status === 'active') ?? members[0])?.id ?? '',
  );
  const kept = members.find((m) => m.id === keptId);
  const others = kept ? members.filter((m) => samePerson(kept, m)) : [];
  const [chosenId, setChosenId] = useState<string | null>(null);
  const other = others.find((m) => m.id === chosenId) ?? others[0];
  const merge = useMergeMembers();

  const submit = () => {
    if (!kept || !other) return;
    merge.mutate(
      { keptId: kept.id, duplicateId: other.id, duplicateOrgId: other.orgId },
      { onSuccess: onMerged },
    );
  };

  return (
    <Stack gap="md">
      <Radio.Group
        label="Какая карточка остаётся"
        value={keptId}
        onChange={(value) => {
          setKeptId(value);
          setChosenId(null);
          merge.reset();
        }}
      >
        <Stack gap="xs" mt={4}>
          {members.map((m) => (
            <Radio key={m.id} value={m.id} label={<Option member={m} />} />
          ))}
        </Stack>
      </Radio.Group>
      {others.length > 1 && (
        <Radio.Group
          label="Какую карточку присоединить"
          value={other?.id ?? ''}
          onChange={(value) => {
            setChosenId(value);
            merge.reset();
          }}
        >
          <Stack gap="xs" mt={4}>
            {others.map((m) => (
              <Radio key={m.id} value={m.id} label={<Option member={m} />} />
            ))}
          </Stack>
        </Radio.Group>
      )}
      {kept && other ? (
        <Consequences kept={kept} other={other} />
      ) : (
        <Alert color="orange">
          У остальных записей другая дата рождения: это разные люди, объединять нечего.
        </Alert>
      )}
      {merge.isError && (
        <Alert color="red" role="alert" title="Не удалось объединить">
          {errorMessage(merge.error)}
        </Alert>
      )}
      <Group>
        <Button color="red" onClick={submit} loading={merge.isPending} disabled={!kept || !other}>
          Объединить
        </Button>
        <Button variant="default" onClick={onClose} disabled={merge.isPending}>
          Отмена
        </Button>
      </Group>
    </Stack>
  );
}

function Option({ member }: { member: Member }) {
  return (
    <Stack gap={0}>
      <Text size="sm" fw={500} style={{ fontVariantNumeric: 'tabular-nums' }}>
        Билет {cardLabel(member)}
      </Text>
      <Text size="xs" c="dimmed">
        {statusText(member)} ·{' '}
        {member.birthDate ? formatDate(member.birthDate) : 'дата рождения не указана'}
      </Text>
      <OrgName id={member.orgId} size="xs" />
    </Stack>
  );
}

/** What the merge does, said before it is done: it cannot be undone. */
function Consequences({ kept, other }: { kept: Member; other: Member }) {
  const takesOver = kept.status !== 'active' && other.status === 'active';
  const bothActive = kept.status === 'active' && other.status === 'active';
  return (
    <Alert color="orange" title="Что произойдёт" role="note">
      <Stack gap={6}>
        <Text size="sm">
          Останется карточка с билетом {cardLabel(kept)}. Карточка с билетом {cardLabel(other)}{' '}
          будет удалена из реестра: её периоды учёта и история изменений перейдут в оставшуюся
          карточку, а незаполненные поля оставшейся карточки заполнятся из неё.
        </Text>
        {takesOver && (
          <Text size="sm">
            Оставшаяся карточка встанет на учёт вместо удаляемой — в той же организации и с той же
            датой постановки.
          </Text>
        )}
        {bothActive && (
          <Text size="sm">Учёт по удаляемой карточке закончится сегодняшним днём.</Text>
        )}
        <Text size="sm">
          Номер {formatCardNumber(other.cardNumber)} больше никому не выдаётся. Отменить объединение
          нельзя.
        </Text>
      </Stack>
    </Alert>
  );
}
