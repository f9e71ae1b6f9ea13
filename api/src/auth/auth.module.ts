import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessModule } from '../access/access.module.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { DatabaseModule } from '../database/database.module.js';
import { AccountsReader } from './accounts.reader.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { LoginService } from './login.service.js';
import { ConsoleSmsDriver, SMS_DRIVER } from './sms.js';
import { AliyunSmsDriver } from './aliyun-sms.js';
import type { Logger } from 'pino';
import { LOGGER } from '../common/logger.js';
import { TokenService } from './tokens.js';

/** Sign-in by SMS code, session tokens, and the guard every route passes (roles from `@Roles`). */
@Module({
  imports: [DatabaseModule, AccessModule],
  controllers: [AuthController],
  providers: [
    // The token service takes its secret and lifetime as plain values (its spec builds one without Nest).
    { provide: TokenService, useFactory: (c: AppConfig) => new TokenService(c.authSecret, c.tokenTtlDays), inject: [APP_CONFIG] },
    ConsoleSmsDriver,
    {
      provide: SMS_DRIVER,
      useFactory: (c: AppConfig, log: Logger, console: ConsoleSmsDriver) =>
        c.aliyunSms ? new AliyunSmsDriver(c.aliyunSms, log) : console,
      inject: [APP_CONFIG, LOGGER, ConsoleSmsDriver],
    },
    AccountsReader,
    LoginService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AccountsReader, TokenService, SMS_DRIVER],
})
export class AuthModule {}
