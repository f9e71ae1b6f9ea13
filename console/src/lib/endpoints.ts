/** Every API call the console makes, typed from packages/protocol (Part 2 of the contract). */
import type {
  AcceptOfferResponse,
  AddPersonRequest,
  PersonScope,
  CaseKindInfo,
  CaseOutcomeRequest,
  CaseStatus,
  CaseView,
  CreateCaseRequest,
  EmployerShift,
  LedgerDay,
  LedgerSummary,
  LedgerVerification,
  LoginResponse,
  MarketDetail,
  MarketPatch,
  PersonView,
  RegisterWalkInRequest,
  RegisterWalkInResponse,
  RemovePersonResponse,
  StaffAccount,
  StaffOfferPayload,
  ScopeRole,
  StaffShiftRequest,
  Trade,
  VerifyPriorityRequest,
  WalkIn,
} from '@linggong/protocol';
import { request } from './api.js';

const id = encodeURIComponent;

export const auth = {
  requestCode: (phone: string) => request<{ devCode?: string }>('POST', '/auth/code', { body: { phone } }),
  login: (phone: string, code: string) => request<LoginResponse>('POST', '/auth/login', { body: { phone, code } }),
  me: () => request<StaffAccount>('GET', '/auth/me'),
};

let tradesCache: Promise<Trade[]> | null = null;
export function trades(): Promise<Trade[]> {
  tradesCache ??= request<Trade[]>('GET', '/trades').catch((error: unknown) => {
    tradesCache = null;
    throw error;
  });
  return tradesCache;
}

export const markets = {
  mine: () => request<MarketDetail[]>('GET', '/staff/markets'),
  get: (marketId: string) => request<MarketDetail>('GET', `/markets/${id(marketId)}`),
  patch: (marketId: string, patch: MarketPatch) => request<MarketDetail>('PATCH', `/markets/${id(marketId)}`, { body: patch }),
};

export const walkIns = {
  list: (marketId: string, status: 'waiting' | undefined = 'waiting') =>
    request<WalkIn[]>('GET', '/staff/walk-ins', { query: { marketId, status } }),
  register: (body: RegisterWalkInRequest) => request<RegisterWalkInResponse>('POST', '/staff/walk-ins', { body }),
  verifyPriority: (workerId: string, body: VerifyPriorityRequest) =>
    request<WalkIn>('POST', `/staff/walk-ins/${id(workerId)}/priority`, { body }),
  presence: (workerId: string, status: 'waiting' | 'offline') =>
    request<unknown>('PUT', `/staff/walk-ins/${id(workerId)}/presence`, { body: { status } }),
};

export const offers = {
  open: (marketId: string) => request<StaffOfferPayload[]>('GET', '/staff/offers', { query: { marketId } }),
  accept: (offerId: string) => request<AcceptOfferResponse>('POST', `/offers/${id(offerId)}/accept`),
  decline: (offerId: string) => request<unknown>('POST', `/offers/${id(offerId)}/decline`),
};

export const shifts = {
  postForEmployer: (body: StaffShiftRequest) => request<EmployerShift>('POST', '/staff/shifts', { body }),
};

export interface CaseFilter {
  marketId: string;
  status?: CaseStatus | '';
  overdue?: boolean;
}

export const cases = {
  kinds: () => request<CaseKindInfo[]>('GET', '/cases/kinds'),
  list: (filter: CaseFilter) =>
    request<CaseView[]>('GET', '/cases', {
      query: { marketId: filter.marketId, status: filter.status, overdue: filter.overdue ? 1 : undefined },
    }),
  get: (caseId: string) => request<CaseView>('GET', `/cases/${id(caseId)}`),
  open: (body: CreateCaseRequest) => request<CaseView>('POST', '/cases', { body }),
  take: (caseId: string) => request<CaseView>('POST', `/cases/${id(caseId)}/take`),
  handover: (caseId: string, toAccountId: string, reason: string) =>
    request<CaseView>('POST', `/cases/${id(caseId)}/handover`, { body: { toAccountId, reason } }),
  note: (caseId: string, note: string) => request<CaseView>('POST', `/cases/${id(caseId)}/notes`, { body: { note } }),
  outcome: (caseId: string, body: CaseOutcomeRequest) =>
    request<CaseView>('POST', `/cases/${id(caseId)}/outcome`, { body }),
  close: (caseId: string, outcome: string) =>
    request<CaseView>('POST', `/cases/${id(caseId)}/close`, { body: { outcome } }),
};

export const people = {
  list: (regionCode?: string) => request<PersonView[]>('GET', '/admin/people', { query: { regionCode } }),
  add: (body: AddPersonRequest) => request<PersonScope>('POST', '/admin/people', { body }),
  remove: (accountId: string, role: ScopeRole) =>
    request<RemovePersonResponse>('DELETE', `/admin/people/${id(accountId)}`, { query: { role } }),
};

export const ledger = {
  day: (marketId: string, date: string) => request<LedgerDay>('GET', `/markets/${id(marketId)}/ledger`, { query: { date } }),
  verify: (marketId: string) => request<LedgerVerification>('GET', `/markets/${id(marketId)}/ledger/verify`),
  summary: (marketId: string, date: string) =>
    request<LedgerSummary>('GET', `/markets/${id(marketId)}/ledger/summary`, { query: { date } }),
  csvPath: (marketId: string) => `/markets/${id(marketId)}/ledger`,
};
