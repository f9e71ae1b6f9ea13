import type { GuidanceBookingView, GuidanceSlotView, LoanView } from '@linggong/protocol';
import { request } from './api.js';

export type { GuidanceBookingView, GuidanceSlotView, LoanView } from '@linggong/protocol';

/** A market's guidance sessions that have not ended, with free places (public). */
export const guidanceSlots = (marketId: string) => request<GuidanceSlotView[]>('GET', `/markets/${encodeURIComponent(marketId)}/guidance-slots`);

export const bookGuidance = (slotId: string) => request<GuidanceBookingView>('POST', `/guidance-slots/${encodeURIComponent(slotId)}/bookings`, { body: {} });

export const myGuidance = () => request<GuidanceBookingView[]>('GET', '/workers/me/guidance');

export const myLoans = () => request<LoanView[]>('GET', '/workers/me/loans');
