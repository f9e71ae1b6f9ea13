import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { OfferPayload } from '@linggong/protocol';
import type { Logger } from 'pino';
import { AppError } from '../common/errors.js';
import { LOGGER } from '../common/logger.js';
import { DomainEvents } from '../events/domain-events.js';
import { AcceptGate } from './accept-gate.js';
import type { AcceptResult, AssistedHire } from './accept-offer.js';
import { toOfferPayload } from './offer.payload.js';
import { OffersRepository } from './offers.repository.js';

/** A race is over when no accept for the shift has come for this long; its withdrawals wait at most the second. */
const RACE_QUIET_MS = 20;
const RACE_MAX_WAIT_MS = 1000;

interface Hired {
  assignmentId: string;
  workerId: string;
  assistedBy: string | null;
}

/** A worker's answers to offers. */
@Injectable()
export class OffersService implements OnModuleInit {
  /** Shifts with hires whose race is not over yet, whether one of them filled the shift, and the hires. */
  private readonly racing = new Map<string, { filled: boolean; hires: Hired[] }>();

  constructor(
    private readonly offers: OffersRepository,
    private readonly events: DomainEvents,
    @Inject(LOGGER) private readonly log: Logger,
    private readonly gate: AcceptGate,
  ) {}

  /** The gate learns of every wave and every closed shift, to answer accepts without the database. */
  onModuleInit(): void {
    const { events, gate } = this;
    events.on('offers.sent', ({ shiftId, slotsLeft, offers }) =>
      gate.offered(
        shiftId,
        slotsLeft,
        offers.map(({ workerId, payload }) => ({ offerId: payload.offerId, workerId, expiresAt: payload.expiresAt })),
      ),
    );
    events.on('shift.closed', ({ shiftId, reason }) => gate.shiftClosed(shiftId, reason));
  }

  async openFor(workerId: string): Promise<OfferPayload[]> {
    return (await this.offers.openForWorker(workerId, new Date())).map(toOfferPayload);
  }

  /** `assisted`: staff (or the worker's SMS reply) accept for a walk-in, through the same gate. */
  async accept(workerId: string, offerId: string, assisted?: AssistedHire): Promise<AcceptResult> {
    const result = await this.gate.admit(workerId, offerId, assisted);
    if (result.alreadyAccepted) return result;
    const { shiftId, id: assignmentId } = result.assignment;
    this.log.info({ event: 'offer.accepted', offerId, workerId, shiftId, assignmentId, assistedVia: assisted?.via }, 'hired');
    this.afterRace(shiftId, result.shiftFilled, { assignmentId, workerId, assistedBy: assisted?.by ?? null });
    return result;
  }

  /**
   * The hire is decided and stored, and those still racing are answered by the gate at once. What nobody in
   * the race waits on follows once it is over, once per shift and in this order: the boards' and the
   * employer's views of the shift (reads, and a write per board), then, for a filled shift, the withdrawal
   * of its other offers (hundreds of updates and writes).
   */
  private afterRace(shiftId: string, filled: boolean, hire: Hired): void {
    const pending = this.racing.get(shiftId);
    if (pending) {
      pending.filled ||= filled;
      pending.hires.push(hire);
      return;
    }
    const race = { filled, hires: [hire] };
    this.racing.set(shiftId, race);
    void this.gate
      .raceOver(shiftId, RACE_QUIET_MS, RACE_MAX_WAIT_MS)
      .then(async () => {
        this.racing.delete(shiftId);
        this.events.publish('shift.changed', { shiftId });
        void this.publishHires(shiftId, race.hires).catch((err: unknown) => this.log.error({ err, shiftId }, 'publishing hires failed'));
        // Dispatch withdraws the other offers; waited for, so the race is not over until they are.
        if (race.filled) await this.events.publishAndWait('shift.filled', { shiftId });
      })
      .catch((err: unknown) => this.log.error({ err, shiftId }, 'telling of hires after their race failed'));
  }

  /** The race's hires, for the work log and whoever else follows hires: one read of the shift's market per race. */
  private async publishHires(shiftId: string, hires: Hired[]): Promise<void> {
    const marketId = await this.offers.marketOfShift(shiftId);
    for (const h of hires) this.events.publish('assignment.hired', { ...h, shiftId, marketId });
  }

  async decline(workerId: string, offerId: string): Promise<void> {
    const offer = await this.offers.find(offerId);
    if (!offer) throw new AppError('NOT_FOUND');
    if (offer.workerId !== workerId) throw new AppError('FORBIDDEN');
    if (!(await this.offers.decline(offerId, new Date()))) throw new AppError(offer.status === 'expired' ? 'OFFER_EXPIRED' : 'OFFER_CLOSED');
    this.gate.offerClosed(offerId);
    this.log.info({ event: 'offer.declined', offerId, workerId, shiftId: offer.shiftId }, 'declined');
    this.events.publish('shift.changed', { shiftId: offer.shiftId });
    // Dispatch sends the next wave; the worker's answer waits for it, as it always has.
    await this.events.publishAndWait('offer.declined', { offerId, workerId, shiftId: offer.shiftId });
  }
}
