import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../common/logger.js';

/** The edge we cannot reach in tests: a real gateway plugs in here. */
export interface SmsDriver {
  sendLoginCode(phone: string, code: string): Promise<void>;
}

export const SMS_DRIVER = Symbol('SMS_DRIVER');

/** Writes the message to the log instead of sending it (development and demos). */
@Injectable()
export class ConsoleSmsDriver implements SmsDriver {
  constructor(@Inject(LOGGER) private readonly log: Logger) {}

  async sendLoginCode(phone: string, code: string): Promise<void> {
    this.log.info(
      { event: 'sms.login_code', phone: `${phone.slice(0, 3)}****${phone.slice(7)}`, code },
      `【零工快招】验证码 ${code}，5 分钟内有效`,
    );
  }
}
