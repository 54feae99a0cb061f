import { TextInput, type TextInputProps } from '@mantine/core';

export const CODE_LENGTH = 6;

/** Is it six digits, as the letter gives them. */
export const isFullCode = (code: string) => new RegExp(`^\\d{${CODE_LENGTH}}$`).test(code);

interface CodeInputProps
  extends Omit<TextInputProps, 'value' | 'onChange' | 'type' | 'inputMode' | 'maxLength'> {
  value: string;
  onChange: (code: string) => void;
}

/**
 * The six digits from a letter: the phone's number keyboard, the code offered from the SMS or
 * mail app where the phone can (`one-time-code`), anything but digits dropped (a pasted
 * «123 456»).
 */
export function CodeInput({ value, onChange, ...props }: CodeInputProps) {
  return (
    <TextInput
      label="Код из письма"
      size="lg"
      autoComplete="one-time-code"
      {...props}
      type="text"
      inputMode="numeric"
      maxLength={CODE_LENGTH + 2}
      value={value}
      onChange={(event) =>
        onChange(event.currentTarget.value.replace(/\D/g, '').slice(0, CODE_LENGTH))
      }
      styles={{ input: { letterSpacing: '0.3em', fontVariantNumeric: 'tabular-nums' } }}
    />
  );
}
