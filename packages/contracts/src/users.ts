import { z } from 'zod';
import { idSchema } from './common.js';
import { roles } from './enums.js';

export const userSchema = z.object({
  id: idSchema,
  login: z.string(),
  role: z.enum(roles),
  orgId: idSchema,
  fullName: z.string(),
});
export type User = z.infer<typeof userSchema>;

export const PASSWORD_MIN_LENGTH = 10;

export const loginSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._@-]{3,64}$/, 'Логин: от 3 до 64 латинских букв, цифр и знаков . _ @ -');

export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Пароль: не короче ${PASSWORD_MIN_LENGTH} символов`)
  .max(200, 'Пароль: не длиннее 200 символов');

export const userCreateSchema = z.object({
  login: loginSchema,
  password: passwordSchema,
  role: z.enum(roles),
  orgId: idSchema,
  fullName: z.string().trim().min(1, 'Укажите ФИО').max(200),
});
export type UserCreate = z.infer<typeof userCreateSchema>;

export const loginRequestSchema = z.object({
  login: z.string().trim().min(1, 'Укажите логин').max(200),
  password: z.string().min(1, 'Укажите пароль').max(200),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const userResponseSchema = z.object({ user: userSchema });
