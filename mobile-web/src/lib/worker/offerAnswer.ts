import type { OfferPayload } from '@linggong/protocol';
import { ApiError, request } from '../api.js';
import { t } from '../i18n.svelte.js';
import { addJob, type Job } from './jobs.svelte.js';
import { offerQueue } from './offerQueue.svelte.js';
import { closeOfferNotification } from './offerAlert.js';
import { workerLink } from './workerLink.svelte.js';

export type AcceptOutcome = { ok: true; job: Job } | { ok: false; message: string; final: boolean };

const ACK_TIMEOUT_MS = 10_000;

/** Codes after which this offer can never be accepted: close it. */
const FINAL_CODES = new Set([
  'SHIFT_FILLED',
  'SHIFT_CANCELLED',
  'SHIFT_EXPIRED',
  'SHIFT_NOT_OPEN',
  'OFFER_EXPIRED',
  'OFFER_WITHDRAWN',
  'OFFER_CLOSED',
  'SCHEDULE_CONFLICT',
  'NOT_FOUND',
]);

function refusalMessage(code: string, serverMessage: string): string {
  switch (code) {
    case 'SHIFT_FILLED':
      return t('accept.filled');
    case 'OFFER_EXPIRED':
    case 'SHIFT_EXPIRED':
      return t('accept.expired');
    case 'OFFER_WITHDRAWN':
    case 'OFFER_CLOSED':
    case 'SHIFT_CANCELLED':
      return t('accept.withdrawn');
    case 'SCHEDULE_CONFLICT':
      return t('accept.conflict');
    default:
      return serverMessage || t('error.unknown');
  }
}

/** Accept over the socket; over HTTP when the socket is down (a weak signal). */
export async function acceptOffer(offer: OfferPayload): Promise<AcceptOutcome> {
  let assignment: { id: string; shiftId: string };
  try {
    const socket = workerLink.socket;
    if (socket?.connected) {
      const ack = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('offer:accept', { offerId: offer.offerId });
      if (!ack.ok) return refuse(offer, ack.code, ack.message);
      assignment = ack.assignment;
    } else {
      const res = await request<{ assignment: { id: string; shiftId: string } }>(
        'POST',
        `/offers/${encodeURIComponent(offer.offerId)}/accept`,
      );
      assignment = res.assignment;
    }
  } catch (error) {
    if (error instanceof ApiError && error.status !== 0) return refuse(offer, error.code, error.message);
    return { ok: false, message: t('accept.noAnswer'), final: false };
  }
  const job: Job = { assignmentId: assignment.id, shift: offer.shift, hiredAt: new Date().toISOString() };
  addJob(job);
  offerQueue.remove(offer.offerId);
  void closeOfferNotification(offer.offerId);
  return { ok: true, job };
}

function refuse(offer: OfferPayload, code: string, message: string): AcceptOutcome {
  const final = FINAL_CODES.has(code);
  void closeOfferNotification(offer.offerId);
  return { ok: false, message: refusalMessage(code, message), final };
}

/** Decline at once on screen; tell the server best-effort. */
export function declineOffer(offer: OfferPayload): void {
  offerQueue.remove(offer.offerId);
  void closeOfferNotification(offer.offerId);
  const socket = workerLink.socket;
  if (socket?.connected) {
    socket.timeout(ACK_TIMEOUT_MS).emit('offer:decline', { offerId: offer.offerId }, () => undefined);
  } else {
    request('POST', `/offers/${encodeURIComponent(offer.offerId)}/decline`).catch(() => undefined);
  }
}
