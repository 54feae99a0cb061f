import { z } from 'zod';
import { idSchema, pageQuerySchema } from './common.js';
import { isCommonPassword } from './common-passwords.js';
import { PASSWORD_MIN_LENGTH, roles } from './enums.js';
import { plainText } from './fields.js';

export const userSchema = z.object({
  id: idSchema,
  login: z.string(),
  role: z.enum(roles),
  orgId: idSchema,
  fullName: z.string(),
});
export type User = z.infer<typeof userSchema>;

export const loginSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._@-]{3,64}$/, 'Логин: от 3 до 64 латинских букв, цифр и знаков . _ @ -');

/** At least 10 characters and not a commonly used password; no composition rules. */
export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Пароль: не короче ${PASSWORD_MIN_LENGTH} символов`)
  .max(200, 'Пароль: не длиннее 200 символов')
  .refine(
    (password) => !isCommonPassword(password),
    'Этот пароль слишком распространён: его подбирают первым. Придумайте другой',
  );

export const userCreateSchema = z
  .object({
    login: loginSchema,
    password: passwordSchema,
    role: z.enum(roles),
    orgId: idSchema,
    fullName: plainText().trim().min(1, 'Укажите ФИО').max(200),
  })
  .strict();
export type UserCreate = z.infer<typeof userCreateSchema>;

export const loginRequestSchema = z
  .object({
    login: z.string().trim().min(1, 'Укажите логин').max(200),
    password: z.string().min(1, 'Укажите пароль').max(200),
  })
  .strict();
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const userResponseSchema = z.object({ user: userSchema });

/** `GET /users` (admins): the subtree's users, or `under`'s; `q` matches the login's start or
 * the start of any word of the full name. Ordered by login. */
export const userListQuerySchema = pageQuerySchema.extend({
  under: idSchema.optional(),
  q: plainText().trim().max(100).optional(),
});
export type UserListQuery = z.infer<typeof userListQuerySchema>;
