import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../common/logger.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';

/** The edge we cannot reach in tests: a real gateway plugs in here. */
export interface SmsDriver {
  sendLoginCode(phone: string, code: string): Promise<void>;
  /** Any other message (an offer to a walk-in with a basic phone). */
  send(phone: string, text: string): Promise<void>;
}

export interface SentSms {
  phone: string;
  text: string;
  at: string;
}

export const SMS_DRIVER = Symbol('SMS_DRIVER');

/** How many messages the console driver remembers for the development outbox. */
const OUTBOX_SIZE = 1000;

const masked = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(7)}`;

/** Writes the message to the log instead of sending it (development and demos), and keeps an outbox. */
@Injectable()
export class ConsoleSmsDriver implements SmsDriver {
  private readonly outbox: SentSms[] = [];

  private readonly production: boolean;

  constructor(@Inject(LOGGER) private readonly log: Logger, @Inject(APP_CONFIG) config: AppConfig) {
    this.production = config.production;
    if (this.production) {
      this.log.warn({ event: 'sms.console_in_production' }, 'SMS_DRIVER=console in production: nothing is sent and codes are not logged');
    }
  }

  /** Outside production the code is in the log (development); in production never: it is masked. */
  async sendLoginCode(phone: string, code: string): Promise<void> {
    const shown = this.production ? '******' : code;
    this.log.info({ event: 'sms.login_code', phone: masked(phone), code: shown }, `【零工快招】验证码 ${shown}，5 分钟内有效`);
  }

  async send(phone: string, text: string): Promise<void> {
    this.outbox.push({ phone, text, at: new Date().toISOString() });
    if (this.outbox.length > OUTBOX_SIZE) this.outbox.splice(0, this.outbox.length - OUTBOX_SIZE);
    this.log.info({ event: 'sms.sent', phone: masked(phone) }, text);
  }

  /** What was "sent", oldest first (the development outbox). */
  sent(phone?: string): SentSms[] {
    return phone ? this.outbox.filter((m) => m.phone === phone) : [...this.outbox];
  }
}
