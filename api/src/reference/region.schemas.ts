import { z } from 'zod';
const REGION_CODE = /^\d{6}$/;

const Code = z.string().regex(REGION_CODE, { error: '六位行政区划代码 / a six-digit region code' });

export const RegionsQuery = z.object({ parent: Code.optional(), code: Code.optional() }).strict();
export type RegionsQueryInput = z.infer<typeof RegionsQuery>;

export const RegionParam = z.object({ code: Code });
export type RegionParamInput = z.infer<typeof RegionParam>;

export const BoundaryQuery = z.object({ children: z.enum(['0', '1', 'true', 'false']).optional() }).strict();
export type BoundaryQueryInput = z.infer<typeof BoundaryQuery>;
