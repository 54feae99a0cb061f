import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, matchTotp, totpCode, totpStep } from './totp.js';

// RFC 6238 appendix B (SHA1, secret "12345678901234567890"), 8 digits there; the last 6 here.
const rfcSecret = Buffer.from('12345678901234567890');
const vectors: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
];

describe('TOTP', () => {
  it.each(vectors)('gives the RFC 6238 code at %i s', (seconds, code) => {
    expect(hotp(rfcSecret, Math.floor(seconds / 30))).toBe(code.slice(2));
  });

  it('base32 round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        expect([...base32Decode(base32Encode(bytes))]).toEqual([...bytes]);
      }),
    );
  });

  it('accepts a code one step either side, never a step already used', () => {
    const secret = base32Encode(rfcSecret);
    const now = new Date('2026-11-25T10:00:10Z');
    const step = totpStep(now);
    const previous = totpCode(secret, new Date(now.getTime() - 30_000));
    expect(matchTotp(secret, totpCode(secret, now), now, 0)).toBe(step);
    expect(matchTotp(secret, previous, now, 0)).toBe(step - 1);
    expect(matchTotp(secret, totpCode(secret, now), now, step)).toBeNull();
    expect(
      matchTotp(secret, totpCode(secret, new Date(now.getTime() - 90_000)), now, 0),
    ).toBeNull();
    expect(matchTotp(secret, 'abcdef', now, 0)).toBeNull();
  });
});
