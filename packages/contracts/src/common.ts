import { z } from 'zod';

export const idSchema = z.string().regex(/^[1-9][0-9]{0,18}$/, 'Некорректный идентификатор');

export const idParamsSchema = z.object({ id: idSchema });

export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
