import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import type { Member } from '@profreestr/contracts';
import { useMutation } from '@tanstack/react-query';
import { api } from '../api/client';
import { FormModal } from '../components/form-modal';
import { errorMessage } from '../components/query-state';
import { memberName } from './member-status';

export const INVITE_TITLE = 'Пригласить в кабинет';

/** Why a member cannot be invited now, or null when they can. */
export function inviteHint(member: Member): string | null {
  if (member.status !== 'active') return 'Приглашают только состоящих на учёте';
  if (!member.email) return 'Нет e-mail: добавьте его в контактах';
  return null;
}

/** `POST /members/:id/cabinet-invitation` → 202 `{ queued, to }`: a letter with the way in. */
const useInviteToCabinet = (id: string) =>
  useMutation({
    mutationFn: () =>
      api<{ queued: true; to: string }>(`/members/${id}/cabinet-invitation`, { method: 'POST' }),
  });

interface CabinetInvitationModalProps {
  member: Member;
  opened: boolean;
  onClose: () => void;
  /** Told the address the letter went to. */
  onSent: (to: string) => void;
}

/** Asks before sending: a letter goes to the member's address. */
export function CabinetInvitationModal({
  member,
  opened,
  onClose,
  onSent,
}: CabinetInvitationModalProps) {
  return (
    <FormModal opened={opened} onClose={onClose} title="Приглашение в личный кабинет" size="md">
      {opened && <InvitationConfirm member={member} onClose={onClose} onSent={onSent} />}
    </FormModal>
  );
}

function InvitationConfirm({
  member,
  onClose,
  onSent,
}: Omit<CabinetInvitationModalProps, 'opened'>) {
  const invite = useInviteToCabinet(member.id);
  return (
    <Stack gap="md">
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        {memberName(member)} получит на <b>{member.email}</b> письмо с приглашением в личный кабинет
        члена Профсоюза: там видны карточка, электронный билет и согласия.
      </Text>
      {invite.isError && (
        <Alert color="red" role="alert" title="Не удалось отправить приглашение">
          {errorMessage(invite.error)}
        </Alert>
      )}
      <Group>
        <Button
          loading={invite.isPending}
          onClick={() =>
            invite.mutate(undefined, {
              onSuccess: ({ to }) => {
                onClose();
                onSent(to);
              },
            })
          }
        >
          Отправить приглашение
        </Button>
        <Button variant="default" onClick={onClose} disabled={invite.isPending}>
          Отмена
        </Button>
      </Group>
    </Stack>
  );
}
