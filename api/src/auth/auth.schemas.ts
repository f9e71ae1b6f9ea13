import { z } from 'zod';

export const PhoneSchema = z.string().regex(/^1\d{10}$/, { error: '请输入 11 位手机号 / an 11-digit mainland mobile number' });

export const RequestCodeSchema = z.object({ phone: PhoneSchema }).strict();
export const LoginSchema = z.object({ phone: PhoneSchema, code: z.string().regex(/^\d{6}$/) }).strict();
