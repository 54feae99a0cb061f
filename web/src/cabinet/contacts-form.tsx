import { Alert, Button, Stack, Text, Textarea, TextInput } from '@mantine/core';
import type { Member } from '@profreestr/contracts';
import { type FormEvent, useState } from 'react';
import { useUpdateCabinetMe } from '../api/cabinet';
import { formatPhone } from '../format';
import { clearFieldError, FORM_ERRORS_NONE, type FormErrors } from '../passport/api-errors';
import { placedFormErrors } from './form-errors';
import { Hint } from './public-shell';

const FIELDS = ['phone', 'address'];

/** The member's own phone and address (`PATCH /cabinet/me`); the server's words under each. */
export function ContactsForm({ member }: { member: Member }) {
  const update = useUpdateCabinetMe();
  const [phone, setPhone] = useState(member.phone ? formatPhone(member.phone) : '');
  const [address, setAddress] = useState(member.address ?? '');
  const [errors, setErrors] = useState<FormErrors>(FORM_ERRORS_NONE);
  const [saved, setSaved] = useState(false);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    setErrors(FORM_ERRORS_NONE);
    update.mutate(
      { phone: phone.trim() || null, address: address.trim() || null },
      {
        onSuccess: ({ member: updated }) => {
          setPhone(updated.phone ? formatPhone(updated.phone) : '');
          setAddress(updated.address ?? '');
          setSaved(true);
        },
        onError: (error) => setErrors(placedFormErrors(error, FIELDS)),
      },
    );
  };

  const edit = (key: string, set: (value: string) => void) => (value: string) => {
    set(value);
    setSaved(false);
    setErrors((current) => clearFieldError(current, key));
  };

  return (
    <form onSubmit={onSubmit} aria-label="Мои контакты" noValidate>
      <Stack gap="md">
        {errors.general && (
          <Alert color="red" role="alert" title="Не удалось сохранить">
            {errors.general}
          </Alert>
        )}
        <TextInput
          label="Телефон"
          description="Например, +7 912 345-67-89"
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          size="md"
          value={phone}
          onChange={(event) => edit('phone', setPhone)(event.currentTarget.value)}
          error={errors.fields.phone || undefined}
        />
        <Textarea
          label="Адрес"
          description="Где вы живёте: город, улица, дом, квартира"
          autoComplete="street-address"
          autosize
          minRows={2}
          size="md"
          value={address}
          onChange={(event) => edit('address', setAddress)(event.currentTarget.value)}
          error={errors.fields.address || undefined}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            Электронная почта
          </Text>
          <Text style={{ overflowWrap: 'anywhere' }}>{member.email ?? 'не указана'}</Text>
          <Hint>
            По этому адресу вы входите в кабинет. Чтобы сменить его, обратитесь к председателю своей
            профсоюзной организации.
          </Hint>
        </Stack>
        <Button type="submit" size="md" loading={update.isPending} fullWidth maw={{ sm: 280 }}>
          Сохранить
        </Button>
        {saved && (
          <Text c="teal.8" role="status">
            Сохранено.
          </Text>
        )}
      </Stack>
    </form>
  );
}
