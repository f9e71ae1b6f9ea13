/** Stable error codes shared by HTTP bodies and socket acknowledgements. */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
  'HEADERS_TOO_LARGE',
  'CODE_INVALID',
  'CODE_EXPIRED',
  'CODE_LOCKED',
  'PROFILE_REQUIRED',
  'SHIFT_FILLED',
  'SHIFT_CANCELLED',
  'SHIFT_EXPIRED',
  'SHIFT_NOT_OPEN',
  'OFFER_EXPIRED',
  'OFFER_WITHDRAWN',
  'OFFER_CLOSED',
  'SCHEDULE_CONFLICT',
  'IDEMPOTENCY_CONFLICT',
  'TOO_FAR_FROM_SITE',
  'OUTSIDE_SHIFT_TIME',
  'ASSIGNMENT_NOT_ACTIVE',
  'ALREADY_RATED',
  'CASE_OWNED',
  'CASE_CLOSED',
  'NOT_CASE_OWNER',
  'API_KEY_INVALID',
  'NOT_PUBLISHED',
  'SLOT_FULL',
  'ALREADY_BOOKED',
  'SLOT_ENDED',
  'OUTCOME_RECORDED',
  'ITEM_OUT',
  'LOAN_RETURNED',
  'ALREADY_SIGNED_UP',
  'TRAINING_FULL',
  'TRAINING_CLOSED',
  'CHECKED_IN_ON_SITE',
  'HIRE_UPCOMING',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldError {
  field: string;
  message: string;
}

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: FieldError[];
}

export type Ack<T extends object = object> = ({ ok: true } & T) | ({ ok: false } & ErrorBody);
