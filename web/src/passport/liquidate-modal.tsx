import { Alert, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { type Org, quoted, todayIso, unionEraRule } from '@profreestr/contracts';
import { type FormEvent, useState } from 'react';
import { useLiquidateOrg } from '../api/org-mutations';
import { DateInput, dateText, parseDateInput } from '../components/date-input';
import { FormModal } from '../components/form-modal';
import { useUnsavedChanges } from '../components/unsaved-changes';
import { formErrors } from './api-errors';

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
  const [today] = useState(() => dateText(todayIso()));
  const [onText, setOnText] = useState(today);
  const [note, setNote] = useState('');
  const [dateError, setDateError] = useState<string | null>(null);
  const liquidate = useLiquidateOrg(org.id);
  const leave = useUnsavedChanges(onText !== today || note.trim() !== '');

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const date = parseDateInput(onText, unionEraRule, true);
    if ('error' in date || !date.value) {
      setDateError('error' in date ? date.error : 'Заполните поле');
      return;
    }
    const on = date.value;
    const body = note.trim() ? { on, note: note.trim() } : { on };
    liquidate.mutate(body, { onSuccess: onClose });
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label={TITLE}>
      <Stack gap="md">
        <Text size="sm">
          {quoted(org.name)} получит статус «Ликвидирована», её паспорт больше нельзя будет
          изменить. Ликвидировать можно только организацию без членов Профсоюза на учёте и без
          действующих подчинённых организаций.
        </Text>
        {liquidate.isError && (
          <Alert color="red" role="alert" title="Не удалось ликвидировать">
            {formErrors(liquidate.error, '', []).general}
          </Alert>
        )}
        <DateInput
          label="Дата ликвидации"
          required
          value={onText}
          error={dateError}
          onChange={(text) => {
            setOnText(text);
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
          <Button variant="default" onClick={() => leave(onClose)} disabled={liquidate.isPending}>
            Отмена
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
