import { Alert, Anchor, Button, Card, Group, Stack, Text } from '@mantine/core';
import { type DuplicateGroup, formatCardNumber, type Member } from '@profreestr/contracts';
import { Link } from 'react-router';
import { useMarkDistinct } from '../api/member-mutations';
import { FormModal } from '../components/form-modal';
import { errorMessage } from '../components/query-state';
import { formatDate } from '../passport/field-model';
import { MemberStatusBadge, memberName } from './member-status';
import { OrgName } from './org-name';

export const groupTitle = (group: DuplicateGroup) => {
  const first = group.members[0];
  if (!first) return group.key;
  return group.birthDate
    ? `${memberName(first)}, ${formatDate(group.birthDate)}`
    : memberName(first);
};

interface GroupCardProps {
  group: DuplicateGroup;
  onMerge: (group: DuplicateGroup) => void;
  onDistinct: (group: DuplicateGroup) => void;
}

/** One group of suspected duplicates: its records and, for editors, what to do with them. */
export function DuplicateGroupCard({ group, onMerge, onDistinct }: GroupCardProps) {
  const title = groupTitle(group);
  const partial = group.memberCount > group.members.length;
  return (
    <Card component="li" withBorder padding="sm" radius="md" aria-label={title}>
      <Text fw={600} mb="xs" style={{ overflowWrap: 'anywhere' }}>
        {title}
      </Text>
      <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {group.members.map((member) => (
          <DuplicateRow key={member.id} member={member} />
        ))}
      </Stack>
      {partial && (
        <Text size="xs" c="dimmed" mt="xs">
          Показаны {group.members.length} из {group.memberCount} записей с такими ФИО. Чтобы
          отметить «Не дубль», откройте дубли организации уровнем ниже: там группа меньше.
        </Text>
      )}
      {/* The server says whether the caller may resolve the group. */}
      {group.canResolve && (
        <Group gap="xs" mt="sm">
          <Button size="xs" onClick={() => onMerge(group)}>
            Объединить
          </Button>
          {/* «Не дубль» covers the whole group: only when all of it is on screen. */}
          {!partial && (
            <Button size="xs" variant="default" onClick={() => onDistinct(group)}>
              Не дубль
            </Button>
          )}
        </Group>
      )}
    </Card>
  );
}

function DuplicateRow({ member }: { member: Member }) {
  return (
    <Stack
      component="li"
      gap={2}
      pt="xs"
      style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}
    >
      <Anchor component={Link} to={`/members/${member.id}`} fw={500}>
        {memberName(member)}
      </Anchor>
      <OrgName id={member.orgId} />
      <Text size="sm" c="dimmed">
        {member.birthDate ? formatDate(member.birthDate) : 'дата рождения не указана'} · билет{' '}
        <span style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
          {formatCardNumber(member.cardNumber)}
        </span>
      </Text>
      <div>
        <MemberStatusBadge member={member} size="sm" withDate />
      </div>
    </Stack>
  );
}

interface DistinctModalProps {
  group: DuplicateGroup | null;
  onClose: () => void;
}

/** «Не дубль», confirmed: the group hides until another record of that name joins it. */
export function DistinctModal({ group, onClose }: DistinctModalProps) {
  const distinct = useMarkDistinct();
  const close = () => {
    distinct.reset();
    onClose();
  };
  return (
    <FormModal opened={group !== null} onClose={close} title="Это разные люди?" size="md">
      {group && (
        <Stack gap="md">
          <Text size="sm">
            Записи «{groupTitle(group)}» ({group.members.length}) будут отмечены как разные люди, и
            группа больше не будет показываться. Если позже появится ещё одна такая запись, группа
            покажется снова.
          </Text>
          {distinct.isError && (
            <Alert color="red" role="alert" title="Не удалось отметить">
              {errorMessage(distinct.error)}
            </Alert>
          )}
          <Group>
            <Button
              loading={distinct.isPending}
              onClick={() =>
                distinct.mutate(
                  group.members.map((m) => m.id),
                  { onSuccess: close },
                )
              }
            >
              Не дубль
            </Button>
            <Button variant="default" onClick={close} disabled={distinct.isPending}>
              Отмена
            </Button>
          </Group>
        </Stack>
      )}
    </FormModal>
  );
}
