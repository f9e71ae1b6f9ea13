import { z } from 'zod';
import { PhoneSchema } from '../auth/auth.schemas.js';
import { REGION_CODE } from '../access/region-scope.js';

const ScopeRoleSchema = z.enum(['staff', 'admin', 'officer']);
const RegionCodeSchema = z.string().regex(REGION_CODE, { error: '六位行政区划代码 / a six-digit region code' });

/** Staff serve markets; admins and officers hold a region. */
export const AddPersonSchema = z
  .object({
    phone: PhoneSchema,
    role: ScopeRoleSchema,
    marketIds: z.array(z.string().min(1).max(64)).min(1).max(50).optional(),
    regionCode: RegionCodeSchema.optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.role === 'staff') {
      if (!v.marketIds) ctx.addIssue({ code: 'custom', path: ['marketIds'], message: '工作人员须指定所在市场 / staff need their markets' });
      if (v.regionCode)
        ctx.addIssue({ code: 'custom', path: ['regionCode'], message: '工作人员按市场授权，不按地区 / staff hold markets, not a region' });
    } else {
      if (!v.regionCode)
        ctx.addIssue({ code: 'custom', path: ['regionCode'], message: '管理员和业务人员须指定地区 / admins and officers need a region' });
      if (v.marketIds)
        ctx.addIssue({
          code: 'custom',
          path: ['marketIds'],
          message: '管理员和业务人员按地区授权 / admins and officers hold a region, not markets',
        });
    }
  });

export const ListPeopleQuery = z.object({ regionCode: RegionCodeSchema.optional() }).strict();
export const RemovePersonQuery = z.object({ role: ScopeRoleSchema }).strict();
export const AccountIdParam = z.object({ accountId: z.string().min(1).max(64) });

export type AddPersonInput = z.infer<typeof AddPersonSchema>;
