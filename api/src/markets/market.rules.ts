import type { MarketOperator } from '@linggong/protocol';
import { fieldError } from '../common/errors.js';

export interface OperatorFields {
  operator: MarketOperator;
  operatorName: string | null;
  contractStart: string | null;
  contractEnd: string | null;
}

/**
 * A contracted market names its operator and the contract period (evaluations are measured against it).
 * Other modes have no contract: the dates are dropped, so switching a market back to the bureau needs no
 * second edit; `operatorName` stays (the office behind a 加挂牌子 window, say).
 */
export function operatorFields(v: OperatorFields): OperatorFields {
  if (v.operator !== 'contracted') return { ...v, contractStart: null, contractEnd: null };
  if (!v.operatorName) throw fieldError('operatorName', '承包运营的市场须填写运营方名称', 'A contracted market needs its operator’s name');
  if (!v.contractStart)
    throw fieldError('contractStart', '承包运营的市场须填写合同起始日期', 'A contracted market needs its contract start date');
  if (!v.contractEnd)
    throw fieldError('contractEnd', '承包运营的市场须填写合同截止日期', 'A contracted market needs its contract end date');
  if (v.contractEnd < v.contractStart)
    throw fieldError('contractEnd', '合同截止日期不能早于起始日期', 'The contract cannot end before it starts');
  return v;
}

/** `YYYY-MM-DD` as the `@db.Date` value Prisma writes. */
export const toDbDate = (day: string | null): Date | null => (day ? new Date(`${day}T00:00:00Z`) : null);
