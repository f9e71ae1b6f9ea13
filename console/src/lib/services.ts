/** The console's calls for public services at the market: guidance sessions, tools and lockers (issue #17). */
import type { GuidanceBookingView, GuidanceDay, GuidanceOutcome, GuidanceSlotView, LendableView, LoanView, NewGuidanceSlot, NewLendable } from '@linggong/protocol';
import { request } from './api.js';

const id = encodeURIComponent;

export const guidance = {
  day: (marketId: string, date: string) => request<GuidanceDay>('GET', `/markets/${id(marketId)}/guidance-bookings`, { query: { date } }),
  publish: (marketId: string, body: NewGuidanceSlot) => request<GuidanceSlotView>('POST', `/markets/${id(marketId)}/guidance-slots`, { body }),
  bookFor: (slotId: string, workerId: string) => request<GuidanceBookingView>('POST', `/guidance-slots/${id(slotId)}/bookings`, { body: { workerId } }),
  outcome: (bookingId: string, body: GuidanceOutcome) => request<GuidanceBookingView>('POST', `/guidance-bookings/${id(bookingId)}/outcome`, { body }),
};

export const lending = {
  items: (marketId: string) => request<LendableView[]>('GET', `/markets/${id(marketId)}/lendables`),
  add: (marketId: string, body: NewLendable) => request<LendableView>('POST', `/markets/${id(marketId)}/lendables`, { body }),
  lend: (itemId: string, workerId: string, dueAt: string) => request<LoanView>('POST', `/lendables/${id(itemId)}/loans`, { body: { workerId, dueAt } }),
  giveBack: (loanId: string, depositRefunded: boolean) => request<LoanView>('POST', `/loans/${id(loanId)}/return`, { body: { depositRefunded } }),
  overdue: (marketId: string) => request<LoanView[]>('GET', `/markets/${id(marketId)}/loans`, { query: { overdue: '1' } }),
};
