import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { SMS_DRIVER, type SmsDriver } from '../auth/sms.js';
import { LOGGER } from '../common/logger.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { DomainEvents } from '../events/domain-events.js';
import { WorkerFeed } from '../workers/worker.feed.js';
import { GuidanceRepository, type BookingRow } from './guidance.repository.js';

const REAL_PHONE = /^1\d{10}$/;

/** "10:30" in China time. */
const clockTime = (at: Date) =>
  new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false }).format(at);

export const reminderSms = (b: BookingRow) =>
  `【零工快招】提醒：您预约的职业指导（${b.slot.counsellor}）今天 ${clockTime(b.slot.startsAt)} 开始，请准时到市场服务窗口。`;

/**
 * Every SERVICES_CHECK_S: reminds bookings whose session starts within GUIDANCE_REMIND_BEFORE_S (once:
 * a conditional update claims each), and marks bookings still open GUIDANCE_NO_SHOW_GRACE_S after their
 * session ended as no-shows, freeing their place. The timer is unref'd: it never keeps the process alive.
 */
@Injectable()
export class GuidanceClock implements OnModuleInit, OnModuleDestroy {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly guidance: GuidanceRepository,
    private readonly workers: WorkerFeed,
    private readonly events: DomainEvents,
    @Inject(SMS_DRIVER) private readonly sms: SmsDriver,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => this.tick(), this.config.services.checkS * 1000);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private tick(): void {
    if (this.running) return;
    this.running = (async () => {
      await this.remind(new Date());
      await this.freeNoShows(new Date());
    })()
      .catch((err: unknown) => this.log.error({ err }, 'guidance check failed'))
      .finally(() => (this.running = undefined));
  }

  private async remind(now: Date): Promise<void> {
    const due = await this.guidance.dueReminders(now, new Date(now.getTime() + this.config.services.remindBeforeS * 1000));
    if (!due.length) return;
    const workers = await this.guidance.workers(due.map((b) => b.workerId));
    for (const b of due) {
      if (!(await this.guidance.claimReminder(b.id, now))) continue;
      const payload = {
        bookingId: b.id,
        slotId: b.slotId,
        marketId: b.marketId,
        startsAt: b.slot.startsAt.toISOString(),
        counsellor: b.slot.counsellor,
      };
      this.workers.send([{ workerId: b.workerId, event: 'guidance:reminder', payload }]);
      const w = workers.get(b.workerId);
      if (w?.assisted && REAL_PHONE.test(w.phone))
        void this.sms.send(w.phone, reminderSms(b)).catch((err: unknown) => this.log.warn({ err, bookingId: b.id }, 'reminder SMS failed'));
    }
  }

  private async freeNoShows(now: Date): Promise<void> {
    const missed = await this.guidance.missed(new Date(now.getTime() - this.config.services.noShowGraceS * 1000));
    for (const b of missed) {
      if (!(await this.guidance.markNoShow(b.id, now))) continue;
      this.log.info({ event: 'guidance.no_show', bookingId: b.id, slotId: b.slotId }, 'guidance no-show, place freed');
      this.events.publish('guidance.outcome', {
        bookingId: b.id,
        slotId: b.slotId,
        marketId: b.marketId,
        workerId: b.workerId,
        actorId: null,
        attended: false,
        freed: true,
      });
    }
  }
}
