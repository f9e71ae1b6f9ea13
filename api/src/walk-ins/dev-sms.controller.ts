import { Body, Controller, Get, HttpCode, Inject, Post, Query, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { SMS_DRIVER, type SentSms, type SmsDriver } from '../auth/sms.js';
import { AppError } from '../common/errors.js';
import { parseInput } from '../common/validation.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { OutboxQuery, SmsReplySchema } from './walk-ins.schemas.js';
import { SmsRepliesService } from './sms-replies.service.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Development only: plays a walk-in's SMS reply and shows what the console SMS driver "sent". Outside
 * production and only from this machine (the connection's own address, never a forwarded header):
 * anywhere else these routes do not exist.
 */
@ApiExcludeController()
@Controller('dev/sms')
export class DevSmsController {
  constructor(
    private readonly replies: SmsRepliesService,
    @Inject(SMS_DRIVER) private readonly sms: SmsDriver,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('reply')
  @HttpCode(200)
  reply(@Req() req: Request, @Body() body: unknown) {
    this.allowed(req);
    const { phone, text } = parseInput(SmsReplySchema, body);
    return this.replies.reply(phone, text);
  }

  @Get('outbox')
  outbox(@Req() req: Request, @Query() query: unknown): SentSms[] {
    this.allowed(req);
    const { phone } = parseInput(OutboxQuery, query ?? {});
    const sms = this.sms as SmsDriver & { sent?: (phone?: string) => SentSms[] };
    return sms.sent?.(phone) ?? [];
  }

  private allowed(req: Request): void {
    if (this.config.production || !LOOPBACK.has(req.socket.remoteAddress ?? '')) throw new AppError('NOT_FOUND');
  }
}
