import { Alert, Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { formatCardNumber, type Member } from '@profreestr/contracts';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { FormModal } from '../components/form-modal';
import { bySex, memberName } from './member-status';
import { RegisterForm } from './register-form';

interface RegisterModalProps {
  /** The primary organization the member is put on record in. */
  orgId: string;
  opened: boolean;
  onClose: () => void;
}

export const REGISTER_TITLE = 'Поставить на учёт';

/** The form, then the assigned card number with «Поставить ещё» for a batch of applications. */
export function RegisterModal({ orgId, opened, onClose }: RegisterModalProps) {
  const [registered, setRegistered] = useState<{ member: Member; transferred: boolean } | null>(
    null,
  );
  // Each «Поставить ещё» starts a fresh form.
  const [round, setRound] = useState(0);

  const close = () => {
    setRegistered(null);
    onClose();
  };

  return (
    <FormModal opened={opened} onClose={close} title={REGISTER_TITLE}>
      {opened && registered && (
        <Registered
          member={registered.member}
          transferred={registered.transferred}
          onMore={() => {
            setRegistered(null);
            setRound((n) => n + 1);
          }}
          onClose={close}
        />
      )}
      {opened && !registered && (
        <RegisterForm
          key={round}
          orgId={orgId}
          onRegistered={(member, transferred = false) => setRegistered({ member, transferred })}
          onCancel={close}
        />
      )}
    </FormModal>
  );
}

interface RegisteredProps {
  member: Member;
  /** Moved here from another org (the form found the person on record there). */
  transferred: boolean;
  onMore: () => void;
  onClose: () => void;
}

function Registered({ member, transferred, onMore, onClose }: RegisteredProps) {
  const moreRef = useRef<HTMLButtonElement>(null);
  useEffect(() => moreRef.current?.focus(), []);
  const done = transferred
    ? `${bySex(member, 'Переведён')} в эту организацию`
    : `${bySex(member, 'Поставлен')} на учёт`;

  return (
    <Stack gap="md">
      <Alert color="teal" title={done} role="status">
        <Stack gap={4}>
          <Text fw={500} style={{ overflowWrap: 'anywhere' }}>
            {memberName(member)}
          </Text>
          <Text size="sm">Номер профсоюзного билета:</Text>
          <Text
            fz="xl"
            fw={700}
            style={{ fontVariantNumeric: 'tabular-nums', letterSpacing: '0.04em' }}
            data-card-number
          >
            {formatCardNumber(member.cardNumber)}
          </Text>
        </Stack>
      </Alert>
      <Group>
        <Button ref={moreRef} onClick={onMore}>
          Поставить ещё
        </Button>
        <Button variant="default" onClick={onClose}>
          Готово
        </Button>
      </Group>
      <Anchor component={Link} to={`/members/${member.id}`} onClick={onClose}>
        Открыть карточку
      </Anchor>
    </Stack>
  );
}
