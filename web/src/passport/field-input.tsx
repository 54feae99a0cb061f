import { Box, Checkbox, NativeSelect, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import { DateInput } from '../components/date-input';
import type { FieldDef, FieldErrors, FormValue, FormValues } from './field-model';

interface FieldGridProps {
  fields: FieldDef[];
  values: FormValues;
  errors: FieldErrors;
  onChange: (key: string, value: FormValue) => void;
  disabled?: boolean;
  /** Focus the first input when a dialog opens (the dialog's focus trap looks for it). */
  autoFocus?: boolean;
  /** Mark this field's input for the focus instead of the first one. */
  focusKey?: string | undefined;
}

/** A form's inputs: one column on a phone, two from the `sm` breakpoint. */
export function FieldGrid({
  fields,
  values,
  errors,
  onChange,
  disabled,
  autoFocus,
  focusKey,
}: FieldGridProps) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm">
      {fields.map((def, index) => (
        <Box key={def.key} style={def.span === 2 ? { gridColumn: '1 / -1' } : undefined}>
          <FieldInput
            def={def}
            value={values[def.key] ?? ''}
            onChange={(value) => onChange(def.key, value)}
            error={errors[def.key] || undefined}
            description={def.hint?.(values)}
            disabled={disabled}
            autoFocus={focusKey ? def.key === focusKey : autoFocus && index === 0}
          />
        </Box>
      ))}
    </SimpleGrid>
  );
}

interface FieldInputProps {
  def: FieldDef;
  value: FormValue;
  onChange: (value: FormValue) => void;
  error?: string | undefined;
  description?: ReactNode;
  disabled?: boolean | undefined;
  autoFocus?: boolean | undefined;
}

const EMPTY_OPTION = { value: '', label: 'Не указано' };

const textProps: Partial<Record<FieldDef['kind'], Record<string, string>>> = {
  phone: { type: 'tel', inputMode: 'tel', autoComplete: 'off', placeholder: '+7 912 345-67-89' },
  email: { type: 'email', inputMode: 'email', autoCapitalize: 'none', spellCheck: 'false' },
  website: { inputMode: 'url', autoCapitalize: 'none', spellCheck: 'false' },
  inn: { inputMode: 'numeric', maxLength: '10' },
  ogrn: { inputMode: 'numeric', maxLength: '13' },
  int: { inputMode: 'numeric' },
  decimal: { inputMode: 'decimal' },
  code: { autoCapitalize: 'none', spellCheck: 'false' },
  name: { autoCapitalize: 'words', autoComplete: 'off', spellCheck: 'false' },
  card: {
    inputMode: 'numeric',
    autoComplete: 'off',
    maxLength: '19',
    placeholder: '0000 0000 0000 0000',
  },
};

/** The input for one passport field; the label is its accessible name. */
export function FieldInput({
  def,
  value,
  onChange,
  error,
  description,
  disabled,
  autoFocus,
}: FieldInputProps) {
  const common = {
    label: def.label,
    error,
    description,
    disabled,
    required: def.required,
    ...(autoFocus ? { 'data-autofocus': true } : {}),
  };

  if (def.kind === 'check') {
    return (
      <Checkbox
        label={def.label}
        checked={value === true}
        onChange={(event) => onChange(event.currentTarget.checked)}
        error={error}
        disabled={disabled}
        py={4}
      />
    );
  }

  const text = typeof value === 'string' ? value : '';
  if (def.kind === 'bool' || def.kind === 'enum') {
    const options =
      def.kind === 'bool'
        ? [
            { value: 'true', label: 'Да' },
            { value: 'false', label: 'Нет' },
          ]
        : Object.entries(def.options ?? {}).map(([key, label]) => ({ value: key, label }));
    return (
      <NativeSelect
        {...common}
        data={def.required && text !== '' ? options : [EMPTY_OPTION, ...options]}
        value={text}
        onChange={(event) => onChange(event.currentTarget.value)}
      />
    );
  }

  if (def.kind === 'date') {
    return <DateInput {...common} value={text} onChange={onChange} />;
  }

  if (def.kind === 'longtext') {
    return (
      <Textarea
        {...common}
        autosize
        minRows={1}
        maxRows={6}
        value={text}
        onChange={(event) => onChange(event.currentTarget.value)}
      />
    );
  }

  return (
    <TextInput
      {...common}
      {...textProps[def.kind]}
      value={text}
      onChange={(event) => onChange(event.currentTarget.value)}
    />
  );
}
