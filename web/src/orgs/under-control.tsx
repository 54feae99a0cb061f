import { Button, Group } from '@mantine/core';
import { useState } from 'react';
import { useOrg } from '../api/orgs';
import { useAuth } from '../auth/use-auth';
import { UnderChip, UnderPicker } from './under-filter';

interface UnderControlProps {
  /** The picked org (`?under=`); the caller's own subtree when absent. */
  under: string | undefined;
  /** The picked org's id, or '' when the chip is removed. */
  onChange: (under: string) => void;
  label?: string;
}

/**
 * The «Организация» filter of a page: a button opening the search of the caller's subtree, and
 * the picked org as a removable chip. Not offered to a primary's users: nothing is below them.
 */
export function UnderControl({
  under,
  onChange,
  label = 'Выбрать организацию',
}: UnderControlProps) {
  const { user } = useAuth();
  const own = useOrg(user?.orgId ?? '');
  const [picking, setPicking] = useState(false);
  const canPick = own.data !== undefined && own.data.level !== 'primary';
  if (!under && !canPick) return null;
  return (
    <>
      <Group gap="xs">
        {under ? (
          <UnderChip id={under} onRemove={() => onChange('')} />
        ) : (
          <Button variant="default" onClick={() => setPicking(true)}>
            {label}
          </Button>
        )}
      </Group>
      <UnderPicker
        opened={picking}
        onClose={() => setPicking(false)}
        under={user?.orgId}
        onPick={onChange}
      />
    </>
  );
}
