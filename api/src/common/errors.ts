import type { ErrorCode, FieldError } from '@linggong/protocol';

interface CatalogEntry {
  status: number;
  zh: string;
  en: string;
}

const CATALOG: Record<ErrorCode, CatalogEntry> = {
  VALIDATION_FAILED: { status: 400, zh: '输入有误，请检查标出的项目', en: 'Some fields are invalid' },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please sign in' },
  FORBIDDEN: { status: 403, zh: '无权进行此操作', en: 'You may not do this' },
  NOT_FOUND: { status: 404, zh: '没有找到', en: 'Not found' },
  RATE_LIMITED: { status: 429, zh: '操作太频繁，请稍后再试', en: 'Too many requests, try again later' },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '提交的内容太大', en: 'The request body is too large' },
  CODE_INVALID: { status: 400, zh: '验证码不正确', en: 'The code is wrong' },
  CODE_EXPIRED: { status: 400, zh: '验证码已过期，请重新获取', en: 'The code has expired, ask for a new one' },
  CODE_LOCKED: { status: 400, zh: '错误次数过多，请重新获取验证码', en: 'Too many wrong tries, ask for a new code' },
  PROFILE_REQUIRED: { status: 403, zh: '请先完善资料', en: 'Complete your profile first' },
  SHIFT_FILLED: { status: 409, zh: '该工作已招满', en: 'This shift is already filled' },
  SHIFT_CANCELLED: { status: 409, zh: '该工作已取消', en: 'This shift was cancelled' },
  SHIFT_EXPIRED: { status: 409, zh: '该工作已过期', en: 'This shift has expired' },
  SHIFT_NOT_OPEN: { status: 409, zh: '该工作已不在招人', en: 'This shift is no longer open' },
  OFFER_EXPIRED: { status: 409, zh: '邀约已过期', en: 'The offer has expired' },
  OFFER_WITHDRAWN: { status: 409, zh: '邀约已撤回', en: 'The offer was withdrawn' },
  OFFER_CLOSED: { status: 409, zh: '邀约已处理过', en: 'The offer was already answered' },
  SCHEDULE_CONFLICT: { status: 409, zh: '与您已接的工作时间冲突', en: 'It overlaps a shift you already hold' },
  IDEMPOTENCY_CONFLICT: {
    status: 409,
    zh: '同一个请求编号用于了不同的内容',
    en: 'This Idempotency-Key was used for a different request',
  },
  TOO_FAR_FROM_SITE: { status: 409, zh: '离工作地点太远，请到现场再签到', en: 'You are too far from the site' },
  OUTSIDE_SHIFT_TIME: { status: 409, zh: '现在不在这份工作的时间内', en: 'Not within the time of this shift' },
  ASSIGNMENT_NOT_ACTIVE: { status: 409, zh: '这份工作当前不能这样操作', en: 'This hire is not in a state that allows it' },
  CHECKED_IN_ON_SITE: {
    status: 409,
    zh: '该工人已在现场签到，不能记为未到岗；如有异议请到市场窗口登记事项',
    en: 'The worker checked in on site and cannot be marked a no-show; raise a case at the market if you disagree',
  },
  ALREADY_RATED: { status: 409, zh: '已经评价过了', en: 'Already rated' },
  CASE_OWNED: { status: 409, zh: '该事项已有工作人员负责', en: 'A staff member already owns this case' },
  CASE_CLOSED: { status: 409, zh: '该事项已办结', en: 'This case is closed' },
  NOT_CASE_OWNER: { status: 403, zh: '只有该事项的负责人可以这样操作', en: 'Only the owner of this case may do this' },
  API_KEY_INVALID: { status: 401, zh: 'API 密钥缺失、无效或已停用', en: 'The API key is missing, invalid or revoked' },
  NOT_PUBLISHED: { status: 404, zh: '该月份尚未发布', en: 'This month has not been published' },
  SLOT_FULL: { status: 409, zh: '该时段已约满', en: 'This session is fully booked' },
  ALREADY_BOOKED: { status: 409, zh: '已经预约过该时段', en: 'Already booked for this session' },
  SLOT_ENDED: { status: 409, zh: '该时段已结束', en: 'This session is over' },
  OUTCOME_RECORDED: { status: 409, zh: '该预约的结果已登记', en: 'The outcome of this booking is already recorded' },
  ITEM_OUT: { status: 409, zh: '该物品已借出', en: 'This item is already out' },
  LOAN_RETURNED: { status: 409, zh: '已经归还', en: 'Already returned' },
  ALREADY_SIGNED_UP: { status: 409, zh: '您已报名这个培训', en: 'You have already signed up for this training' },
  TRAINING_FULL: { status: 409, zh: '这个培训名额已满', en: 'This training is full' },
  TRAINING_CLOSED: { status: 409, zh: '这个培训已开始或已结束，不能再报名', en: 'This training has started or ended: sign-ups are closed' },
  HIRE_UPCOMING: {
    status: 409,
    zh: '您还有未完成的工作，请先完成或取消后再注销',
    en: 'You hold an upcoming hire: finish or cancel it before deleting your account',
  },
  INTERNAL: { status: 500, zh: '服务器出错，请稍后再试', en: 'Server error, try again later' },
};

export interface LocalizedFieldError {
  field: string;
  zh: string;
  en: string;
}

/**
 * A failure the client is meant to see: a stable code, a status and a message in both languages. An
 * answer, not a fault, so it carries no stack: a lost race answers a thousand of them at once.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details?: LocalizedFieldError[],
  ) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(code);
    Error.stackTraceLimit = limit;
  }

  get status(): number {
    return CATALOG[this.code].status;
  }

  toBody(lang: Language): { code: ErrorCode; message: string; details?: FieldError[] } {
    const entry = CATALOG[this.code];
    const body: { code: ErrorCode; message: string; details?: FieldError[] } = { code: this.code, message: entry[lang] };
    if (this.details) body.details = this.details.map((d) => ({ field: d.field, message: d[lang] }));
    return body;
  }
}

export type Language = 'zh' | 'en';

export function languageOf(acceptLanguage: string | string[] | undefined): Language {
  const value = Array.isArray(acceptLanguage) ? acceptLanguage[0] : acceptLanguage;
  return value && /^\s*en\b/i.test(value) ? 'en' : 'zh';
}

export function fieldError(field: string, zh: string, en: string): AppError {
  return new AppError('VALIDATION_FAILED', [{ field, zh, en }]);
}

/** 429 RATE_LIMITED with when to try again: the error filter sends it as `Retry-After` (whole seconds). */
export class RateLimited extends AppError {
  readonly retryAfterS: number;

  constructor(retryAfterMs: number) {
    super('RATE_LIMITED');
    this.retryAfterS = Math.max(1, Math.ceil(retryAfterMs / 1000));
  }
}
