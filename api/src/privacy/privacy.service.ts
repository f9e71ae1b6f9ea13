import { Inject, Injectable } from '@nestjs/common';
import type { WorkerExport } from '@linggong/protocol';
import type { Logger } from 'pino';
import { AccountsReader } from '../auth/accounts.reader.js';
import { AppError } from '../common/errors.js';
import { LOGGER } from '../common/logger.js';
import { OffersService } from '../offers/offers.service.js';
import { PresenceService } from '../presence/presence.service.js';
import { PrivacyRepository } from './privacy.repository.js';

/** A worker's rights under the Personal Information Protection Law: a copy of their data, and deletion. */
@Injectable()
export class PrivacyService {
  constructor(
    private readonly repository: PrivacyRepository,
    private readonly presence: PresenceService,
    private readonly offers: OffersService,
    private readonly accounts: AccountsReader,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  async export(workerId: string, now = new Date()): Promise<WorkerExport> {
    const data = await this.repository.exportOf(workerId);
    if (!data.account) throw new AppError('NOT_FOUND');
    const iso = (d: Date | null) => d?.toISOString() ?? null;
    return {
      exportedAt: now.toISOString(),
      account: { ...data.account, createdAt: data.account.createdAt.toISOString() },
      profile: data.profile && { ...data.profile },
      assignments: data.assignments.map((a) => ({
        id: a.id,
        shiftId: a.shiftId,
        shift: { title: a.shift.title, trade: a.shift.trade, address: a.shift.address, employerName: a.shift.employer.name },
        status: a.status,
        startsAt: iso(a.startsAt),
        endsAt: iso(a.endsAt),
        wage: { amount: Number(a.wageAmount), unit: a.wageUnit },
        hiredAt: iso(a.createdAt),
        checkIn: a.checkInAt ? { at: iso(a.checkInAt), lat: a.checkInLat, lng: a.checkInLng } : null,
        checkOut: a.checkOutAt ? { at: iso(a.checkOutAt), lat: a.checkOutLat, lng: a.checkOutLng } : null,
        cancelled: a.cancelledAt ? { at: iso(a.cancelledAt), reason: a.cancelReason, late: a.lateCancel } : null,
        paidConfirmed: a.paidConfirmed,
        ratingOfMe: a.workerRating,
        myRatingOfEmployer: a.employerRating,
        myComment: a.employerComment,
        assistedVia: a.assistedVia,
        disputes: a.disputes.map((d) => ({ id: d.id, status: d.status, description: d.description, createdAt: iso(d.createdAt) })),
      })),
      offers: data.offers.map((o) => ({ ...o, createdAt: iso(o.createdAt), respondedAt: iso(o.respondedAt) })),
      cases: data.cases.map((c) => ({
        id: c.id,
        kind: c.kind,
        marketId: c.marketId,
        description: c.description,
        assignmentId: c.assignmentId,
        status: c.status,
        outcome: c.outcome,
        createdAt: iso(c.createdAt),
        closedAt: iso(c.closedAt),
        history: c.events.map((e) => ({ action: e.action, at: iso(e.at), note: e.note })),
      })),
      ledgerEntries: data.ledger.map((e) => ({ seq: e.seq, at: e.at.toISOString(), kind: e.type, marketId: e.marketId })),
    };
  }

  /** Refused while the worker holds an upcoming hire: the employer counts on them. */
  async delete(workerId: string, now = new Date()): Promise<{ deleted: true; pseudonym: string }> {
    if (await this.repository.upcomingHires(workerId, now)) throw new AppError('HIRE_UPCOMING');
    await this.presence.set(workerId, { status: 'offline' }).catch(() => undefined);
    for (const offerId of await this.repository.openOfferIds(workerId)) {
      await this.offers.decline(workerId, offerId).catch(() => undefined);
    }
    const pseudonym = `已注销用户 ${workerId.slice(0, 6)}`;
    await this.repository.anonymise(workerId, pseudonym, now);
    this.accounts.forget(workerId);
    this.log.info({ event: 'worker.deleted', workerId }, 'worker account deleted and anonymised');
    return { deleted: true, pseudonym };
  }
}
