import { MARKET_KINDS, MARKET_OPERATORS } from '@linggong/protocol';
import { z } from 'zod';
import { REGION_CODE } from '../access/region-scope.js';
import { LatLngSchema } from '../shifts/shift.schemas.js';

const text = (max: number) => z.string().trim().min(1).max(max);

/** A phone number the public can dial: 12333, 0931-8123456, 400 800 1234, +86 931 8123456. */
export const HotlineSchema = z
  .string()
  .trim()
  .regex(/^\+?[\d\s()-]{3,30}$/, { error: '请填写可拨打的电话号码 / a phone number people can dial' })
  .refine((v) => v.replace(/\D/g, '').length >= 3, { error: '请填写可拨打的电话号码 / a phone number people can dial' });

export const AmenitySchema = z.object({ kind: text(30), name: text(40), nameEn: text(80), detail: text(200).optional() }).strict();

/** One service of the 办事指南: what to do, what to bring, how long it takes, what it costs. */
export const GuideEntrySchema = z
  .object({
    service: text(60),
    steps: z.array(text(200)).min(1).max(30),
    materials: z.array(text(200)).max(30),
    timeLimitDays: z.number().int().min(0).max(365),
    fee: z.number().min(0).max(100_000),
  })
  .strict();

const DateSchema = z.iso.date();

/** Every field of a market an admin may set; `kind`, `operator`, `regionCode` are the admin's alone. */
const fields = {
  name: text(60),
  nameEn: text(120),
  kind: z.enum(MARKET_KINDS as [string, ...string[]]),
  operator: z.enum(MARKET_OPERATORS as [string, ...string[]]),
  operatorName: text(80).nullable(),
  contractStart: DateSchema.nullable(),
  contractEnd: DateSchema.nullable(),
  regionCode: z.string().regex(REGION_CODE, { error: '六位行政区划代码 / a six-digit region code' }),
  location: LatLngSchema,
  reachKm: z.number().positive().max(100),
  address: text(200),
  hours: text(60),
  hotline: HotlineSchema,
  complaintChannel: text(200),
  services: z.array(text(40)).max(30),
  amenities: z.array(AmenitySchema).max(30),
  guide: z.array(GuideEntrySchema).max(50),
  active: z.boolean(),
};

export const CreateMarketSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{2,63}$/, { error: '小写字母、数字和连字符 / lowercase letters, digits and hyphens' })
      .optional(),
    ...fields,
    operatorName: fields.operatorName.optional(),
    contractStart: fields.contractStart.optional(),
    contractEnd: fields.contractEnd.optional(),
    reachKm: fields.reachKm.default(15),
    services: fields.services.default([]),
    amenities: fields.amenities.default([]),
    guide: fields.guide.default([]),
    active: fields.active.default(true),
  })
  .strict();

export const PatchMarketSchema = z
  .object(fields)
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, { error: '没有要修改的内容 / nothing to change' });

/** What a market's own staff may keep up to date: its public details, not what it is or who runs it. */
export const PUBLIC_DETAILS = ['hours', 'hotline', 'complaintChannel', 'services', 'amenities', 'guide', 'address'] as const;

export type CreateMarketInput = z.infer<typeof CreateMarketSchema>;
export type PatchMarketInput = z.infer<typeof PatchMarketSchema>;
