import { z } from 'zod';

/** The largest id a bigint column holds; a longer or larger one can name no record. */
const MAX_ID = 9223372036854775807n;

/** Ids are bigints written as decimal strings: `1` … `9223372036854775807`. */
export const isValidId = (value: string) =>
  /^[1-9][0-9]{0,18}$/.test(value) && BigInt(value) <= MAX_ID;

export const idSchema = z
  .string('Некорректный идентификатор')
  .regex(/^[1-9][0-9]{0,18}$/, { message: 'Некорректный идентификатор', abort: true })
  .refine(isValidId, 'Некорректный идентификатор');

export const idParamsSchema = z.object({ id: idSchema });

/** A change of a versioned record may say which version it was made on (optimistic locking). */
export const ifMatchHeadersSchema = z.looseObject({
  'if-match': z
    .string()
    .max(200)
    .optional()
    .describe('Версия, на которой сделана правка: ETag из GET (`"7"`); устаревшая — 412'),
});

export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
