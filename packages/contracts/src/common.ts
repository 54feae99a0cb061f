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

export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
