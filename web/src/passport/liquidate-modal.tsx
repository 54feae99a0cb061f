import { Alert, Button, Group, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { type Org, todayIso } from '@profreestr/contracts';
import { type FormEvent, useState } from 'react';
import { useLiquidateOrg } from '../api/org-mutations';
import { FormModal } from '../components/form-modal';
import { formErrors } from './api-errors';
import { parseFormValue } from './field-model';

interface ModalProps {
  org: Org;
  opened: boolean;
  onClose: () => void;
}

const TITLE = 'Ликвидировать организацию';

export function LiquidateModal({ org, opened, onClose }: ModalProps) {
  return (
    <FormModal opened={opened} onClose={onClose} title={TITLE} size="md">
      {opened && <LiquidateForm org={org} onClose={onClose} />}
    </FormModal>
  );
}

function LiquidateForm({ org, onClose }: { org: Org; onClose: () => void }) {
  const [on, setOn] = useState(todayIso());
  const [note, setNote] = useState('');
  const [dateError, setDateError] = useState<string | null>(null);
  const liquidate = useLiquidateOrg(org.id);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const date = parseFormValue(
      { key: 'on', label: '', kind: 'date', required: true, past: true },
      on,
    );
    if ('error' in date) {
      setDateError(date.error);
      return;
    }
    const body = note.trim() ? { on, note: note.trim() } : { on };
    liquidate.mutate(body, { onSuccess: onClose });
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label={TITLE}>
      <Stack gap="md">
        <Text size="sm">
          «{org.name}» получит статус «Ликвидирована», её паспорт больше нельзя будет изменить.
          Ликвидировать можно только организацию без членов Профсоюза на учёте и без действующих
          подчинённых организаций.
        </Text>
        {liquidate.isError && (
          <Alert color="red" role="alert" title="Не удалось ликвидировать">
            {formErrors(liquidate.error, '', []).general}
          </Alert>
        )}
        <TextInput
          type="date"
          label="Дата ликвидации"
          required
          value={on}
          error={dateError}
          onChange={(event) => {
            setOn(event.currentTarget.value);
            setDateError(null);
          }}
        />
        <Textarea
          label="Основание"
          autosize
          minRows={2}
          maxLength={1000}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
        />
        <Group>
          <Button type="submit" color="red" loading={liquidate.isPending}>
            Ликвидировать
          </Button>
          <Button variant="default" onClick={onClose} disabled={liquidate.isPending}>
            Отмена
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
