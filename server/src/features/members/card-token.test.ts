import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signCardToken, verifyCardToken } from './card-token.js';

const key = randomBytes(32);
const now = new Date('2026-12-02T12:00:00Z');
const later = new Date('2026-12-20T12:00:00Z');
const cardNumber = fc.stringMatching(/^\d{16}$/);

describe('the virtual card QR token', () => {
  it('vouches for the card number it was signed for, until it expires', () => {
    fc.assert(
      fc.property(cardNumber, (n) => {
        const token = signCardToken(key, n, later);
        expect(verifyCardToken(key, token, now)).toBe(n);
        expect(verifyCardToken(key, token, later)).toBeNull();
      }),
    );
  });

  it('refuses any token changed in one character, or signed with another key', () => {
    fc.assert(
      fc.property(cardNumber, fc.nat(), fc.string({ minLength: 1, maxLength: 1 }), (n, at, c) => {
        const token = signCardToken(key, n, later);
        const i = at % token.length;
        const altered = token.slice(0, i) + c + token.slice(i + 1);
        if (altered !== token) expect(verifyCardToken(key, altered, now)).toBeNull();
        expect(verifyCardToken(randomBytes(32), token, now)).toBeNull();
      }),
    );
  });

  it('holds no personal data: only the prefix, the number, the expiry and the signature', () => {
    const token = signCardToken(key, '1234567890123452', later);
    expect(token.split('.')).toHaveLength(4);
    expect(token.startsWith('PRF1.1234567890123452.')).toBe(true);
  });
});
