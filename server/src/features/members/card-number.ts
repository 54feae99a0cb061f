import { luhnCheckDigit } from '@profreestr/contracts';

// Numbers the register assigns: issuer digit 2, a 14-digit serial from card_number_seq, and the
// Luhn check digit. Numbers people already hold are taken as they are (validated), so a serial
// may collide with one of those: the caller then draws the next serial.
const ISSUER = '2';

export function cardNumberFromSerial(serial: string): string {
  const body = `${ISSUER}${serial.padStart(14, '0')}`;
  if (body.length !== 15) throw new Error(`card serial ${serial} out of range`);
  return `${body}${luhnCheckDigit(body)}`;
}
