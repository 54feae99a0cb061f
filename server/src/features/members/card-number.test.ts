import { isValidCardNumber } from '@profreestr/contracts';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/test-database.js';
import type { DatabaseHandle } from '../../db/database.js';
import { cardNumberFromSerial } from './card-number.js';

// Card numbers are drawn in two places: in SQL when one member is put on record (one statement),
// in code for an import batch. Both must give the same number for a serial.

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe('card numbers', () => {
  it('card_number() in SQL equals cardNumberFromSerial for any serial, and is valid', async () => {
    await fc.assert(
      fc.asyncProperty(fc.bigInt({ min: 0n, max: 10n ** 14n - 1n }), async (serial) => {
        const [row] = (await database.query('select card_number($1::bigint) as n', [
          String(serial),
        ])) as { n: string }[];
        expect(row?.n).toBe(cardNumberFromSerial(String(serial)));
        expect(isValidCardNumber(row?.n ?? '')).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('a drawn number passes over a number a merged card held', async () => {
    const [{ s }] = (await database.query("select nextval('card_number_seq')::text as s")) as [
      { s: string },
    ];
    const next = (k: number) => cardNumberFromSerial(String(BigInt(s) + BigInt(k)));
    await database.query(
      'insert into member_merges (merged_id, card_number, kept_id) values (999999, $1, 1)',
      [next(1)],
    );
    const [{ n }] = (await database.query('select draw_card_number() as n')) as [{ n: string }];
    expect(n).toBe(next(2));
  });

  it('a serial past 14 digits is refused in both', async () => {
    await expect(database.query('select card_number(100000000000000)')).rejects.toThrow(
      /out of range/,
    );
    expect(() => cardNumberFromSerial('100000000000000')).toThrow(/out of range/);
  });
});
